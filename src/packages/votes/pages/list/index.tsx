/** 业主表决: votes of my compound, newest first; the committee starts one here. */
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { cachedMe } from '@/store/me';
import { canAnywhere } from '@core/authz';
import { actorOf } from '@/utils/actor';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { VR, detailUrl, phaseClass } from '../../logic';
import './index.scss';

export default function VoteListPage() {
  const list = useRemote(() => api('votes').call('matters.list', {}), [], { refreshOnShow: true });
  const me = cachedMe();
  const manage = !!me && canAnywhere(actorOf(me), 'vote.manage');
  const items = list.data ?? [];
  return (
    <PageShell className='vote-list'>
      {manage ? (
        <View className='actions'>
          <Btn type='primary' block className='vote-create-btn' onClick={() => go(VR.voteCreate)}>
            发起表决
          </Btn>
        </View>
      ) : null}
      <StateView {...list.state} empty={items.length === 0 && { title: '暂无表决事项', text: '业委会发起表决后，会在这里公告。' }}>
        {items.map((m) => {
          const mine = m.myHomes.filter((h) => h.canCast || h.voted);
          return (
            <View key={m.id} className='card vote-item' onClick={() => go(detailUrl(m.id))}>
              <View className='card__title vote-item__title'>{m.title}</View>
              {m.consultation ? <View className='vote-consult__label'>{m.consultation.label}</View> : null}
              <View className='card__sub'>
                <View className={phaseClass(m)}>{m.phaseLabel}</View>
                {m.kindLabel}
              </View>
              <View className='muted'>
                投票时间 {formatDateTime(m.opensAt)} 至 {formatDateTime(m.closesAt)}
              </View>
              {mine.length ? <View className='vote-home__status'>{mine.every((h) => h.voted) ? '我家已投票' : '我家尚未投票'}</View> : null}
              {m.live ? <View className='muted'>{m.live.missing || '参与已达三分之二'}</View> : null}
            </View>
          );
        })}
      </StateView>
    </PageShell>
  );
}
