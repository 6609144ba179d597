/**
 * 首页's 民情 card, from the 首页's one call (home.get → concerns' card loader): a handler's open concerns with the
 * overdue / escalated ones highlighted; a resident's own (and 解决了吗？); the
 * compound's public board. Nothing when there is nothing to show. Styles are
 * inline (the card lives in the main package, which carries no feature stylesheet).
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import type { ConcernHome, ConcernListItem } from '@core/concerns/contract';
import { routePaths } from '@/features/route-table';
import { go } from '@/utils/nav';
import { CONCERN_ROUTES } from './routes';

const url = routePaths(CONCERN_ROUTES);
const RED = { color: '#b42318' };
const BLUE = { color: '#1d5fbf' };
const MORE = { color: '#1d5fbf', minHeight: '44px', display: 'flex', alignItems: 'center' };
const open = (id: string) => go(`${url.concernDetail}?id=${encodeURIComponent(id)}`);

function Item({ c, sub, hot }: { c: ConcernListItem; sub: string; hot?: boolean }) {
  return (
    <View className='row row--link concern-card__item' onClick={() => open(c.id)}>
      <View className='row__main'>
        <View className='row__title' style={hot ? RED : undefined}>
          {c.category} · {c.placeLabel}
        </View>
        <View className='row__sub'>{sub}</View>
      </View>
      <View className='row__side' style={hot ? { ...RED, fontWeight: 600 } : BLUE}>
        {hot ? (c.escalated ? '已上报' : '已超时') : c.statusLabel}
      </View>
    </View>
  );
}

export default function ConcernsCard({ me, cards }: { me: Me; cards: HomeCards }) {
  const d: ConcernHome | undefined = cards.concerns.ok ? cards.concerns.data : undefined;
  if (!d) return null;
  const out = [];
  if (d.overdueCount > 0) {
    out.push(
      <View key='overdue' className='card concern-card concern-card--overdue' style={{ borderLeft: '8px solid #b42318' }}>
        <View className='card__title'>超时或上报的民情 {d.overdueCount} 条</View>
        {d.overdue.map((c) => (
          <Item key={c.id} c={c} sub={c.excerpt} hot />
        ))}
        <View style={MORE} onClick={() => go(`${url.concernQueue}?filter=escalated`)}>
          查看全部 ›
        </View>
      </View>,
    );
  }
  if (d.queueCount > 0) {
    out.push(
      <View key='queue' className='card concern-card concern-card--queue'>
        <View className='card__title'>待答复的民情 {d.queueCount} 条</View>
        {d.queue.map((c) => (
          <Item key={c.id} c={c} sub={c.excerpt} hot={c.overdue} />
        ))}
        <View style={MORE} onClick={() => go(url.concernQueue)}>
          民情处理 ›
        </View>
      </View>,
    );
  }
  if (d.asked.length > 0) {
    out.push(
      <View key='asked' className='card concern-card concern-card--asked'>
        <View className='card__title'>解决了吗？</View>
        {d.asked.map((c) => (
          <Item key={c.id} c={c} sub='请告诉我们解决了没有' />
        ))}
      </View>,
    );
  }
  if (d.mineOpen > 0) {
    out.push(
      <View key='mine' className='card concern-card concern-card--mine'>
        <View className='card__title'>我的民情 {d.mineOpen} 条</View>
        {d.mine.map((c) => (
          <Item key={c.id} c={c} sub={c.nextStep} />
        ))}
        <View style={MORE} onClick={() => go(url.concernMine)}>
          全部 ›
        </View>
      </View>,
    );
  }
  if (d.boardCount > 0) {
    out.push(
      <View key='board' className='card concern-card concern-card--board'>
        <View className='card__title'>小区民情公开栏 {d.boardCount} 条</View>
        {d.board.map((c) => (
          <Item key={c.id} c={c} sub={c.followers ? `${c.followers}位邻居也关心` : c.excerpt} />
        ))}
        <View style={MORE} onClick={() => go(url.concernBoard)}>
          去看看，我也关心 ›
        </View>
      </View>,
    );
  } else if (me.homes.length > 0 && d.mineOpen === 0) {
    out.push(
      <View key='raise' className='card concern-card concern-card--raise' onClick={() => go(url.concernRaise)}>
        <View style={MORE}>有操心事、烦心事？告诉楼栋长 ›</View>
      </View>,
    );
  }
  return <View>{out}</View>;
}
