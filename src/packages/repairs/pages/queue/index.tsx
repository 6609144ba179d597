/** 我的工单 (staff): repairs assigned to me and not finished, urgent first, newest first. */
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import RepairRow from '../../components/RepairRow';
import '../../common.scss';

export default function QueuePage() {
  const list = usePaged((p) => api('repairs').call('repairs.queue', p), { size: 20 }, { refreshOnShow: true });
  return (
    <PageShell className='repair-queue'>
      <StateView
        {...list.state}
        permission='repair.work'
        permissionAction='处理维修工单'
        empty={list.items.length === 0 && { title: '手上没有工单', text: '物业经理派单后会出现在这里。' }}
      >
        {list.items.map((r) => (
          <RepairRow key={r.id} r={r} />
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
