/** 哪里要修: my home or a common area of a compound; for a common area, which kind, which building and the spot in words. */
import { View } from '@tarojs/components';
import { COMMON_AREAS, COMMON_AREA_LABELS, REPAIR_LIMITS } from '@core/repairs/rules';
import Choice from '@/components/Choice';
import { OptionalInput } from './OptionalInput';
import type { ReportRepairPage } from './useReportRepairPage';

export function SpotCard({ where }: { where: ReportRepairPage['where'] }) {
  const { compound } = where;
  return (
    <View className='card'>
      <View className='card__title'>哪里要修</View>
      <Choice
        className='report-spots'
        columns={1}
        options={where.spots.map((s) => ({ value: s.key, label: s.label }))}
        value={where.spot}
        onChange={where.setSpot}
      />
      {compound ? (
        <View className='report-common'>
          <View className='field__label'>公共区域</View>
          <Choice
            className='report-areas'
            columns={3}
            options={COMMON_AREAS.map((a) => ({ value: a, label: COMMON_AREA_LABELS[a] }))}
            value={where.area}
            onChange={where.setArea}
          />
          <View className='field__label'>哪一栋（选填）</View>
          <Choice
            className='report-buildings'
            columns={3}
            options={[{ value: '', label: '不限' }, ...compound.buildings.map((b) => ({ value: b.buildingId, label: b.name }))]}
            value={where.buildingId}
            onChange={where.setBuildingId}
          />
          <OptionalInput
            label='具体位置'
            className='report-place'
            value={where.place}
            maxlength={REPAIR_LIMITS.place}
            placeholder='例如：1单元电梯、东门车棚'
            onChange={where.setPlace}
          />
          <View className='repair-note'>公共区域的报修会显示在小区“公共报修”里（不显示您的姓名），邻居可以点“我也遇到”。</View>
        </View>
      ) : null}
    </View>
  );
}
