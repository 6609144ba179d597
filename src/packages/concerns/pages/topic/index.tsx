/**
 * One 议事厅 topic through its cycle 征集 → 通报 → 协商 → 公示 → 实施 → 反馈. Residents
 * comment once per home (editing their thread), object during 公示 and rate in 反馈;
 * the branch and the committee take the next step (the only one offered: the
 * function refuses any other) and add tasks linked to a repair, a ledger expense
 * or a vote. The outcome is an opinion; under art. 278 the page says it goes to
 * an owners' vote, and why. Shared to the owners' group as a card without names.
 * The state and the calls are in useTopicPage; each card is a file next to this one.
 */
import { View } from '@tarojs/components';
import { TOPIC_STAGE_LABELS } from '@core/concerns/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import TopicComments from './TopicComments';
import TopicFeedback from './TopicFeedback';
import TopicHead from './TopicHead';
import TopicRecord from './TopicRecord';
import TopicSheet from './TopicSheet';
import TopicTasks from './TopicTasks';
import { STEP_TITLES, useTopicPage } from './useTopicPage';
import '../../common.scss';

export default function TopicPage() {
  const p = useTopicPage();
  const t = p.topic.data;
  if (!t)
    return (
      <PageShell className='concern-topic'>{p.topic.loading || !p.topic.error ? <Loading /> : <StateView {...p.topic.state} />}</PageShell>
    );

  return (
    <PageShell className='concern-topic'>
      <TopicHead t={t} />
      <TopicRecord t={t} />
      <TopicTasks t={t} onAddTask={() => p.open('task')} onLinkExpense={(k) => void p.openExpense(k)} />
      <TopicFeedback t={t} hasHome={!!p.home} onRate={p.rate} />
      {t.canManage && t.nextStage ? (
        <View className='card topic-manage'>
          <View className='card__title'>下一步：{TOPIC_STAGE_LABELS[t.nextStage]}</View>
          {t.nextProblem ? (
            <View className='muted topic-next-problem'>{t.nextProblem}</View>
          ) : (
            <Btn type='primary' block className='topic-next' onClick={() => p.open('step')}>
              {STEP_TITLES[t.nextStage]}
            </Btn>
          )}
        </View>
      ) : null}
      <TopicComments t={t} hasHome={!!p.home} onComment={() => p.open('comment')} onObject={() => p.open('object')} />
      <TopicSheet t={t} p={p} />
    </PageShell>
  );
}
