/**
 * One repair: where and what, its photos, its clock, every step with who, when, a
 * note and photos, and the moves this person may make now — the buttons come from
 * the view's `actions` (core/repairs/rules.ts decides them, the function checks
 * every call). Subscribe messages link here, so the path is fixed.
 */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import '../../common.scss';
import './index.scss';
import { CostSheet } from './CostSheet';
import { CostsCard } from './CostsCard';
import { FollowCard } from './FollowCard';
import { MergeSheet } from './MergeSheet';
import { NextSteps } from './NextSteps';
import { RatingCard } from './RatingCard';
import { RepairHead } from './RepairHead';
import { StaffSheet } from './StaffSheet';
import { StepSheet } from './StepSheet';
import { Timeline } from './Timeline';
import { useRepairDetailPage } from './useRepairDetailPage';

export default function RepairDetailPage() {
  const page = useRepairDetailPage();
  const { repair, r } = page;
  if (!r) {
    return (
      <PageShell className='repair-detail'>{repair.loading || !repair.error ? <Loading /> : <StateView {...repair.state} />}</PageShell>
    );
  }

  return (
    <PageShell className='repair-detail'>
      <RepairHead r={r} />
      {r.scope === 'common' ? <FollowCard r={r} busy={page.busy} onFollow={page.moves.follow} /> : null}
      {r.rating ? <RatingCard rating={r.rating} comment={r.comment} /> : null}
      {r.labourFen !== undefined && (r.labourFen > 0 || (r.materialsFen ?? 0) > 0 || r.canSetCost) ? (
        <CostsCard r={r} canEdit={!!r.canSetCost && !page.step.form} onEdit={page.cost.openCost} />
      ) : null}
      {r.actions.length > 0 || r.canUrge || (r.urgeProblem && r.status !== 'done') ? <NextSteps r={r} page={page} /> : null}

      <View className='section-title'>处理记录</View>
      <Timeline events={r.events} />

      <StepSheet page={page} />
      <StaffSheet page={page} />
      <MergeSheet page={page} />
      <CostSheet page={page} />
    </PageShell>
  );
}
