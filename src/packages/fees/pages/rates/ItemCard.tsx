/** One fee item on the 收费标准 page: the rate in force, its history, and pending proposals (the committee 采纳s one). */
import { View } from '@tarojs/components';
import type { FeeItemView } from '@core/fees/contract';
import { periodLabel } from '@core/fees/rules';
import Btn from '@/components/Btn';
import { rateText } from './rates-text';

export function ItemCard(props: {
  it: FeeItemView;
  /** This month: later history rows are 待生效. */
  now: string;
  sets: boolean;
  busy: string | null;
  onAdopt: (p: FeeItemView['proposals'][number]) => void;
}) {
  const { it, now, sets, busy, onAdopt } = props;
  return (
    <View className={`card rates-item rates-item--${it.code}`}>
      <View className='rates-item__head'>
        <View className='card__title rates-item__name'>{it.name}</View>
        {it.name !== it.kindLabel ? <View className='tag tag--grey'>{it.kindLabel}</View> : null}
      </View>
      <View className='rates-item__current'>
        {it.current ? `现行：${rateText(it.kind, it.current)}（${periodLabel(it.current.from)}起）` : '本月尚无单价'}
      </View>
      {it.history.length > 1 || (it.history.length === 1 && it.history[0].from > now) ? (
        <View className='rates-history'>
          <View className='muted'>调价记录</View>
          {[...it.history].reverse().map((h) => (
            <View key={h.from} className='rates-history__row'>
              从{periodLabel(h.from)}起：{rateText(it.kind, h)}
              {h.from > now ? <View className='tag tag--blue'>待生效</View> : null}
            </View>
          ))}
        </View>
      ) : null}
      {it.proposals.map((p) => (
        <View key={`${p.from}-${p.byName}`} className='rates-proposal'>
          <View className='rates-proposal__text'>
            {p.byName}提议：从{periodLabel(p.from)}起 {rateText(it.kind, p)}
            {p.reason ? <View className='rates-proposal__reason'>理由：{p.reason}</View> : null}
            {sets ? null : <View className='rates-proposal__wait'>等待业委会采纳</View>}
          </View>
          {sets ? (
            <Btn
              size='small'
              type='primary'
              className='rates-adopt'
              loading={busy === `adopt-${it.code}-${p.from}`}
              onClick={() => void onAdopt(p)}
            >
              采纳
            </Btn>
          ) : null}
        </View>
      ))}
    </View>
  );
}
