/**
 * One concern: what, where (never a room for a neighbour), its photos, every step,
 * and what this person may do now — the flags come from the view (the function
 * decides them and checks every call). The handler answers, or turns it into a
 * repair (reported here and linked), a 议事 topic, or an owners' vote (art. 278);
 * the raiser ends it: 满意, or 不满意 with a reason (it goes back, to the branch).
 * Subscribe messages link here, so the path is fixed. The state and the calls are in
 * useConcernDetailPage; each card is a file next to this one.
 */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import { formatDateTime } from '@/utils/format';
import { openTopic } from '../../logic';
import ConcernFollow from './ConcernFollow';
import ConcernHead from './ConcernHead';
import ConcernOutcome from './ConcernOutcome';
import ConcernSheet from './ConcernSheet';
import HandlerActions from './HandlerActions';
import { useConcernDetailPage } from './useConcernDetailPage';
import '../../common.scss';

export default function ConcernDetailPage() {
  const p = useConcernDetailPage();
  const { concern } = p;
  const c = concern.data;
  if (!c) {
    return (
      <PageShell className='concern-detail'>{concern.loading || !concern.error ? <Loading /> : <StateView {...concern.state} />}</PageShell>
    );
  }

  return (
    <PageShell className='concern-detail'>
      <ConcernHead c={c} />
      <ConcernOutcome c={c} p={p} />
      {c.access === 'board' || c.canFollow || c.following || c.followers > 0 ? <ConcernFollow c={c} p={p} /> : null}
      {c.topicId ? (
        <View className='card'>
          <View className='concern-link' onClick={() => openTopic(c.topicId!)}>
            查看议事厅里的议题 ›
          </View>
        </View>
      ) : null}
      {c.canAnswer || c.canConvert || c.canMerge ? <HandlerActions c={c} open={p.open} /> : null}
      <View className='section-title'>处理记录</View>
      <View className='card concern-timeline'>
        {c.events.map((e, i) => (
          <View key={i} className={`concern-event concern-event--${e.action}`}>
            <View className='concern-event__label'>{e.label}</View>
            <View className='concern-event__meta'>
              {e.by} · {formatDateTime(e.at)}
            </View>
            {e.note ? <View className='concern-event__note'>{e.note}</View> : null}
          </View>
        ))}
      </View>
      <ConcernSheet c={c} p={p} />
    </PageShell>
  );
}
