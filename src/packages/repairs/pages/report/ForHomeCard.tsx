/** 哪一户 for 住户报修（代登记）: the home (building → unit → room), how the resident reported, and the caller's name and phone as typed. */
import { View } from '@tarojs/components';
import { REPAIR_LIMITS } from '@core/repairs/rules';
import Choice from '@/components/Choice';
import HomePicker from '@/components/HomePicker';
import { OptionalInput } from './OptionalInput';
import type { ReportRepairPage } from './useReportRepairPage';

export function ForHomeCard({ compoundIds, who }: { compoundIds: string[]; who: ReportRepairPage['who'] }) {
  return (
    <View className='card'>
      <View className='card__title'>哪一户</View>
      <HomePicker compoundIds={compoundIds} value={who.forHome} onChange={who.setForHome} classPrefix='log' pickedLabel='报修房屋' />
      <View className='field__label'>怎么报的</View>
      <Choice
        className='report-sources'
        columns={2}
        options={[
          { value: 'phone' as const, label: '电话报修' },
          { value: 'walkIn' as const, label: '上门报修' },
        ]}
        value={who.source}
        onChange={who.setSource}
      />
      <OptionalInput
        label='报修人姓名'
        className='report-contact-name'
        value={who.contactName}
        maxlength={REPAIR_LIMITS.contactName}
        placeholder='例如：李阿姨'
        onChange={who.setContactName}
      />
      <OptionalInput
        label='联系电话'
        className='report-contact-phone'
        type='number'
        value={who.contactPhone}
        maxlength={11}
        placeholder='维修师傅上门前联系'
        onChange={who.setContactPhone}
      />
      <View className='repair-note'>姓名和电话只给物业和维修师傅看，不会建立账号。</View>
    </View>
  );
}
