/**
 * 首页's 报修 card, from one call (repairs.home): a resident's open repairs and what
 * comes next; a staff member's queue; the manager's overdue items. Nothing when
 * there is nothing to show. Styles are inline and global (the card lives in the
 * main package, which carries no feature stylesheet).
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeSummary, RepairListItem } from '@core/repairs/contract';
import type { HomeCards } from '@core/home';
import { routePaths } from '@/features/route-table';
import { go } from '@/utils/nav';
import { REPAIR_ROUTES } from './routes';

const url = routePaths(REPAIR_ROUTES);
const RED = { color: '#b42318' };
const BLUE = { color: '#1d5fbf' };
const URGENT = { background: '#b42318', color: '#fff', marginRight: '8px' };
const MORE = { color: '#1d5fbf', minHeight: '44px', display: 'flex', alignItems: 'center' };
const open = (id: string) => go(`${url.repairDetail}?id=${encodeURIComponent(id)}`);

function Item({ r, sub }: { r: RepairListItem; sub: string }) {
  return (
    <View className={`row row--link repair-card__item${r.overdue ? ' repair-card__item--overdue' : ''}`} onClick={() => open(r.id)}>
      <View className='row__main'>
        <View className='row__title' style={r.overdue ? RED : undefined}>
          {r.urgent ? (
            <View className='tag' style={URGENT}>
              急
            </View>
          ) : null}
          {r.category} · {r.placeLabel}
        </View>
        <View className='row__sub'>{sub}</View>
      </View>
      <View className='row__side repair-card__status' style={r.overdue ? { ...RED, fontWeight: 600 } : BLUE}>
        {r.overdue ? '已超时' : r.statusLabel}
      </View>
    </View>
  );
}

export function RepairsCard({ me, cards }: { me: Me; cards: HomeCards }) {
  const d: HomeSummary | undefined = cards.repairs.ok ? cards.repairs.data : undefined;
  if (!d) return null;
  const sections = [];
  if (d.overdueCount > 0) {
    sections.push(
      <View key='overdue' className='card repair-card repair-card--overdue' style={{ borderLeft: '8px solid #b42318' }}>
        <View className='card__title'>超时报修 {d.overdueCount} 条</View>
        {d.overdue.map((r) => (
          <Item key={r.id} r={r} sub={`${r.statusLabel}${r.urged ? ' · 住户已催单' : ''}${r.assigneeName ? ' · ' + r.assigneeName : ''}`} />
        ))}
        <View className='repair-card__more' style={MORE} onClick={() => go(`${url.repairManage}?filter=overdue`)}>
          查看全部超时 ›
        </View>
      </View>,
    );
  }
  if (d.queueCount > 0) {
    sections.push(
      <View key='queue' className='card repair-card repair-card--queue'>
        <View className='card__title'>我的工单 {d.queueCount} 条</View>
        {d.queue.map((r) => (
          <Item key={r.id} r={r} sub={r.excerpt} />
        ))}
        <View className='repair-card__more' style={MORE} onClick={() => go(url.repairQueue)}>
          全部工单 ›
        </View>
      </View>,
    );
  }
  if (d.mineOpen > 0) {
    sections.push(
      <View key='mine' className='card repair-card repair-card--mine'>
        <View className='card__title'>我的报修 {d.mineOpen} 条进行中</View>
        {d.mine.map((r) => (
          <Item key={r.id} r={r} sub={r.nextStep} />
        ))}
        <View className='repair-card__more' style={MORE} onClick={() => go(url.repairMine)}>
          全部报修 ›
        </View>
      </View>,
    );
  } else if (me.homes.length > 0) {
    sections.push(
      <View key='report' className='card repair-card repair-card--report' onClick={() => go(url.repairReport)}>
        <View className='repair-card__cta' style={MORE}>
          家里或楼里有东西坏了？点这里报修 ›
        </View>
      </View>,
    );
  }
  return <View>{sections}</View>;
}
