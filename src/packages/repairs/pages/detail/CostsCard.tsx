/** 费用: labour and materials in yuan, and 修改费用 for whoever may set them. */
import { View } from '@tarojs/components';
import type { RepairDetail } from '@core/repairs/contract';
import { fenToYuan } from '@core/repairs/rules';
import Btn from '@/components/Btn';

export function CostsCard({ r, canEdit, onEdit }: { r: RepairDetail; canEdit: boolean; onEdit: () => void }) {
  return (
    <View className='card repair-costs'>
      <View className='card__title'>费用</View>
      <View className='row'>
        <View className='row__main'>人工</View>
        <View className='row__side'>{fenToYuan(r.labourFen ?? 0)} 元</View>
      </View>
      <View className='row'>
        <View className='row__main'>材料</View>
        <View className='row__side'>{fenToYuan(r.materialsFen ?? 0)} 元</View>
      </View>
      {canEdit ? (
        <Btn size='small' className='repair-cost-edit' onClick={onEdit}>
          修改费用
        </Btn>
      ) : null}
    </View>
  );
}
