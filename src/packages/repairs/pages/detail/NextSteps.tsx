/** 下一步: the moves this person may make now, from the view's `actions` (core/repairs/rules.ts decides them), and 催单. */
import { View } from '@tarojs/components';
import type { RepairDetail } from '@core/repairs/contract';
import { REPAIR_ACTION_LABELS } from '@core/repairs/rules';
import Btn from '@/components/Btn';
import type { RepairDetailPage } from './useRepairDetailPage';
import { isStepAction } from './steps';

export function NextSteps({ r, page }: { r: RepairDetail; page: RepairDetailPage }) {
  const { busy, moves } = page;
  return (
    <View className='card repair-actions'>
      <View className='card__title'>下一步</View>
      {r.actions.includes('accept') ? (
        <Btn type='primary' block loading={busy} className='repair-act-accept' onClick={moves.accept}>
          {REPAIR_ACTION_LABELS.accept}
        </Btn>
      ) : null}
      {r.actions.includes('assign') ? (
        <Btn
          type={r.actions.includes('accept') ? 'default' : 'primary'}
          block
          className='repair-act-assign'
          onClick={() => void page.staff.openStaff()}
        >
          {r.status === 'assigned' ? '改派给其他师傅' : '派单给维修师傅'}
        </Btn>
      ) : null}
      {r.actions.filter(isStepAction).map((a) => (
        <Btn
          key={a}
          type={a === 'cancel' || a === 'reopen' ? 'default' : 'primary'}
          block
          className={`repair-act-${a}`}
          onClick={() => page.step.openForm(a)}
        >
          {REPAIR_ACTION_LABELS[a]}
        </Btn>
      ))}
      {r.actions.includes('merge') ? (
        <Btn block className='repair-act-merge' onClick={() => void page.merge.openMerge()}>
          {REPAIR_ACTION_LABELS.merge}
        </Btn>
      ) : null}
      {r.canUrge ? (
        <Btn type='danger' block loading={busy} className='repair-act-urge' onClick={moves.urge}>
          催单
        </Btn>
      ) : r.urgeProblem && r.status !== 'done' ? (
        <View className='muted repair-urge-note'>{r.urgeProblem}</View>
      ) : null}
    </View>
  );
}
