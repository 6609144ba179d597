/**
 * 首页 cards of fees: a resident sees what is due and pays from there (one tap to the
 * bills page with everything selected); the committee, bookkeeper and manager see
 * this month's collection rate and the next month to close.
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import { can } from '@core/authz';
import { actorOf } from '@/utils/actor';
import type { HomeCards } from '@core/home';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { FEE_ROUTES } from './routes';

const url = routePaths(FEE_ROUTES);

export function FeesDueCard({ cards }: { me: Me; cards: HomeCards }) {
  const d = cards.fees.ok ? cards.fees.data : undefined;
  if (!d) return null;
  return (
    <View className='card fees-due-card'>
      <View className='row row--link' onClick={() => go(url.feeBills)}>
        <View className='row__main'>
          <View className='row__title'>{d.unpaidCount ? `${d.dueTitle} ${d.due}` : d.dueTitle}</View>
          <View className='row__sub'>{d.unpaidCount ? `${d.unpaidCount} 张账单，点此查看并缴费` : '点此查看账单和收据'}</View>
        </View>
        <View className='row__side'>{d.unpaidCount ? '去缴费' : '查看'}</View>
      </View>
    </View>
  );
}

export function CollectionCard(props: { me: Me; cards: HomeCards }) {
  const list = (props.cards.fees.ok ? props.cards.fees.data.compounds : undefined) ?? [];
  const actor = actorOf(props.me);
  // 欠费催缴 for the people who may remind (committee, manager, bookkeeper).
  const reminds = (compoundId: string) =>
    props.me.roles.some((r) => r.compoundId === compoundId && can(actor, 'fees.remind', { communityId: r.communityId, compoundId }));
  const closes = (compoundId: string) =>
    props.me.roles.some((r) => r.compoundId === compoundId && can(actor, 'ledger.close', { communityId: r.communityId, compoundId }));
  if (!list.length) return null;
  return (
    <View className='card fees-collection-card'>
      <View className='card__title'>本月物业费收缴</View>
      {list.map((c) => (
        <View
          key={c.compoundId}
          className='row row--link'
          onClick={() => go(`${url.feeBooks}?compoundId=${encodeURIComponent(c.compoundId)}`)}
        >
          <View className='row__main'>
            <View className='row__title'>
              {c.name} 收缴率 {c.rate}%
            </View>
            <View className='row__sub'>
              {c.closeHint}
              {closes(c.compoundId) ? '' : `（由${c.closedBy}结账）`}
            </View>
          </View>
        </View>
      ))}
      {list
        .filter((c) => reminds(c.compoundId))
        .map((c) => (
          <View
            key={`remind_${c.compoundId}`}
            className='row row--link fees-collection-card__remind'
            onClick={() => go(`${url.feeBooks}?compoundId=${encodeURIComponent(c.compoundId)}&part=arrears`)}
          >
            <View className='row__main'>
              <View className='row__title'>{list.length > 1 ? `${c.name} 欠费催缴` : '欠费催缴'}</View>
              <View className='row__sub'>各楼欠费，微信提醒欠费住户</View>
            </View>
          </View>
        ))}
    </View>
  );
}
