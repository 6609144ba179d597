/**
 * One matter: the announcement (documents, dates, the threshold in words, the roll's
 * totals), my home's ballot (cast or change until the close), and for the committee
 * the live count with what is still missing, door-to-door and reminders, closing,
 * publishing and the export. Reminders link here, so the path is fixed. The state and
 * the calls are in useVoteDetailPage; each card is a file next to this one.
 */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Consultation from './Consultation';
import ManageCard from './ManageCard';
import MatterCard from './MatterCard';
import MyHome from './MyHome';
import ResultCard from './ResultCard';
import VoteReminder from './VoteReminder';
import { useVoteDetailPage } from './useVoteDetailPage';
import './index.scss';

export default function VoteDetailPage() {
  const p = useVoteDetailPage();
  const d = p.matter.data;

  return (
    <PageShell className='vote-detail'>
      <StateView {...p.matter.state}>
        {d ? (
          <View>
            <Consultation d={d} />
            <MatterCard d={d} id={p.id} />

            {d.myHomes.length ? (
              <View className='card vote-mine'>
                <View className='card__title'>我家的表决票</View>
                {d.myHomes.map((h) => (
                  <MyHome key={h.homeId} d={d} h={h} onCast={p.cast} />
                ))}
              </View>
            ) : null}
            {d.myHomes.some((h) => h.canCast && !h.voted) ? <VoteReminder /> : null}

            {d.result ? <ResultCard d={d} r={d.result} id={p.id} published={p.published} /> : null}
            {d.canManage ? <ManageCard d={d} p={p} /> : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
