/** 登记方式 for the property's people (本人报修, 住户报修（代登记）, 巡查登记), and what the chosen way means. */
import { View } from '@tarojs/components';
import Choice from '@/components/Choice';
import type { ReportRepairPage } from './useReportRepairPage';

export function LoggingMode({ page }: { page: ReportRepairPage }) {
  const { modes, mode, setMode } = page;
  return (
    <>
      {modes.length > 1 ? (
        <View className='card'>
          <View className='card__title'>登记方式</View>
          <Choice className='report-modes' columns={1} options={modes} value={mode} onChange={setMode} />
        </View>
      ) : null}
      {mode === 'patrol' ? <View className='banner banner--info'>巡查登记：记录您在小区里发现的问题，提交后进入报修管理。</View> : null}
      {mode === 'forHome' ? (
        <View className='banner banner--info'>
          住户报修（代登记）：住户打电话或上门报修时，替他登记。报修属于这户，住户在“我的报修”里看到进度，并确认、评价；进度消息发给这户的住户。
        </View>
      ) : null}
    </>
  );
}
