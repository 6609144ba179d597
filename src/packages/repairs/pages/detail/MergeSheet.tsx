/** 合并到哪一条: the open repairs of the same problem; a tap merges this one into it. */
import { View } from '@tarojs/components';
import Loading from '@/components/Loading';
import Sheet from '@/components/Sheet';
import type { RepairDetailPage } from './useRepairDetailPage';

export function MergeSheet({ page }: { page: RepairDetailPage }) {
  const { open, setOpen, targets } = page.merge;
  return (
    <Sheet open={open} title='合并到哪一条（保留那一条，本条的报修人和“我也遇到”都转过去）' onClose={() => setOpen(false)}>
      {targets === null ? <Loading /> : targets.length === 0 ? <View className='muted'>没有可以合并的同类报修</View> : null}
      {(targets ?? []).map((m) => (
        <View key={m.id} className='row row--link repair-merge-target' onClick={() => page.moves.merge(m.id)}>
          <View className='row__main'>{m.label}</View>
        </View>
      ))}
    </Sheet>
  );
}
