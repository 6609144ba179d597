/** 登记费用: labour and materials of a repair, saved in one call. */
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import type { RepairDetailPage } from './useRepairDetailPage';
import { CostFields } from './CostFields';

export function CostSheet({ page }: { page: RepairDetailPage }) {
  return (
    <Sheet open={page.cost.open} title='登记费用' onClose={() => page.cost.setOpen(false)}>
      <CostFields cost={page.cost} />
      {page.formError ? <View className='form-error'>{page.formError}</View> : null}
      <Btn type='primary' block loading={page.busy} onClick={page.moves.saveCost}>
        保存
      </Btn>
    </Sheet>
  );
}
