/**
 * 通知 tab. The notices API is not in the contract yet, so there is nothing to
 * load: the page shows its empty state. The notices issue replaces the body with
 * a list driven by useRemote (loading / error / empty are already the shared
 * components used here).
 */
import PageShell from '../../components/PageShell';
import Empty from '../../components/Empty';

export default function NoticesPage() {
  return (
    <PageShell className='notices'>
      <Empty title='暂无通知' text='楼栋长、业委会和物业发布的通知会显示在这里。' />
    </PageShell>
  );
}
