/** The roll (rooms and areas, never names), or with ?unvoted=1 the committee's door-to-door list. */
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { RollPage } from '@core/votes/contract';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { go } from '@/utils/nav';
import { VR, m2 } from '../../logic';
import './index.scss';

export default function VoteRollPage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const unvoted = params.unvoted === '1';
  const list = usePaged(
    (p) =>
      unvoted ? api('votes').call('matters.unvoted', { matterId: id, ...p }) : api('votes').call('roll.list', { matterId: id, ...p }),
    { size: 50 },
  );
  const page = list.page as (RollPage & { total?: number }) | undefined;
  return (
    <PageShell className='vote-roll'>
      <View className='card'>
        <View className='card__title'>{unvoted ? '未投票名单（上门收集纸质票）' : '业主名册'}</View>
        {unvoted ? (
          <View className='card__sub vote-roll__total'>尚有 {page?.total ?? '…'} 户（人）未投票</View>
        ) : page?.totals ? (
          <View className='card__sub vote-roll__total'>
            共 {page.totals.owners} 户（人），{m2(page.totals.areaCenti)}。
            {page.frozen ? '投票开始时已冻结。' : '如有错误，请在公告期内向业委会提出。'}
          </View>
        ) : null}
        {unvoted ? <View className='muted'>点一户，录入该户签字的纸质表决票。</View> : null}
        <View className='muted'>一套房屋为一户；同一业主的多套房屋合为一户、面积相加；开发商未售出的房屋合为一户。名册不显示姓名。</View>
      </View>
      <StateView {...list.state} empty={list.items.length === 0 && { title: unvoted ? '全部业主都已投票' : '名册为空' }}>
        <View className='card'>
          {list.items.map((r, i) => (
            <View
              key={i}
              className={`row vote-roll-row${unvoted ? ' row--link' : ''}`}
              // Door to door: a home visited is one tap from entering its signed paper ballot.
              onClick={
                unvoted ? () => go(`${VR.votePaper}?id=${encodeURIComponent(id)}&q=${encodeURIComponent(r.homes[0].label)}`) : undefined
              }
            >
              <View className='row__main'>
                <View className='row__title'>{r.homes.map((h) => h.label).join('、')}</View>
                {r.homes.length > 1 ? <View className='row__sub'>同一业主 {r.homes.length} 套，合计一户</View> : null}
                {r.developer ? <View className='row__sub'>开发商未售房屋</View> : null}
              </View>
              <View className='row__side'>
                {m2(r.areaCenti)}
                {r.voted !== undefined ? (r.voted ? ' · 已投' : ' · 未投') : ''}
              </View>
            </View>
          ))}
        </View>
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
