/** Labour and materials in yuan: on the 完工 form (optional, with their own class names) and in 登记费用. */
import { Input, View } from '@tarojs/components';
import type { RepairDetailPage } from './useRepairDetailPage';

const FIELDS = [
  { key: 'labour', label: '人工费', className: 'repair-labour' },
  { key: 'materials', label: '材料费', className: 'repair-materials' },
] as const;

export function CostFields({ cost, optional }: { cost: RepairDetailPage['cost']; optional?: boolean }) {
  const set = { labour: cost.setLabour, materials: cost.setMaterials };
  return (
    <>
      {FIELDS.map((f) => (
        <View key={f.key} className='field'>
          <View className='field__label'>{optional ? `${f.label}（元，选填）` : `${f.label}（元）`}</View>
          <Input
            className={optional ? `field__input ${f.className}` : 'field__input'}
            type='digit'
            value={cost[f.key]}
            onInput={(e) => set[f.key](e.detail.value)}
          />
        </View>
      ))}
    </>
  );
}
