/** 派给谁: the compound's repair staff with how many repairs each has in hand; a tap assigns. */
import { View } from '@tarojs/components';
import Loading from '@/components/Loading';
import Sheet from '@/components/Sheet';
import type { RepairDetailPage } from './useRepairDetailPage';

export function StaffSheet({ page }: { page: RepairDetailPage }) {
  const { open, setOpen, list } = page.staff;
  return (
    <Sheet open={open} title='派给谁' onClose={() => setOpen(false)} className='repair-staff-sheet'>
      {list === null ? <Loading /> : null}
      {(list ?? []).map((s) => (
        <View key={s.personId} className='row row--link repair-staff' onClick={() => page.moves.assign(s.personId)}>
          <View className='row__main'>
            <View className='row__title repair-staff__name'>{s.name}</View>
            <View className='row__sub'>
              {s.roleLabel} · 手上 {s.queue} 单
            </View>
          </View>
        </View>
      ))}
      {page.formError && open ? <View className='form-error'>{page.formError}</View> : null}
    </Sheet>
  );
}
