/** 首页's 业主表决 card: an open vote and whether my home has voted; the committee sees the live count. */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { VOTE_ROUTES } from './routes';

const ROUTES = routePaths(VOTE_ROUTES);

export function VotesCard({ cards }: { me: Me; cards: HomeCards }) {
  const items = (cards.votes.ok ? cards.votes.data : undefined) ?? [];
  if (!items.length) return null;
  return (
    <View className='card home-votes'>
      <View className='card__title'>业主表决</View>
      {items.slice(0, 3).map((m) => {
        const mine = m.myHomes.filter((h) => h.canCast || h.voted);
        const voted = mine.length > 0 && mine.every((h) => h.voted);
        return (
          <View key={m.id} className='row row--link home-vote' onClick={() => go(`${ROUTES.voteDetail}?id=${encodeURIComponent(m.id)}`)}>
            <View className='row__main'>
              <View className='row__title'>{m.title}</View>
              {m.consultation ? <View className='row__sub'>{m.consultation.label}</View> : null}
              {m.live ? (
                <View className='row__sub home-vote__live'>
                  已参与 {m.live.participants.owners}/{m.live.roll.owners} 户{m.live.missing ? `，${m.live.missing}` : '，参与已达三分之二'}
                </View>
              ) : null}
            </View>
            <View
              className={`row__side ${voted ? 'home-vote__done' : 'home-vote__todo'}`}
              style={mine.length && !voted ? { color: '#8a1f11', fontWeight: 700 } : undefined}
            >
              {mine.length === 0 ? '查看' : voted ? '我家已投' : '我家未投'}
            </View>
          </View>
        );
      })}
    </View>
  );
}
