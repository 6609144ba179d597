/** 每户表决情况: room, area and choice per home (never names; a secret matter lists only who voted). */
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView, { LoadMore } from '@/components/StateView';
import { usePaged } from '@/hooks/usePaged';
import { api } from '@/services/cloud';
import { m2 } from '../../logic';
import './index.scss';

export default function VoteResultsPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const list = usePaged((p) => api('votes').call('matters.results', { matterId: id, ...p }), { size: 50 });
  const page = list.page;
  return (
    <PageShell className='vote-results'>
      {page?.consultation ? (
        <View className='banner banner--warn vote-consult'>
          <View className='vote-consult__label'>{page.consultation.label}</View>
          {page.consultation.reason}
        </View>
      ) : null}
      {page ? (
        <View className='card'>
          <View className={`vote-result__summary ${page.result.passed ? 'vote-result__summary--pass' : 'vote-result__summary--fail'}`}>
            {page.result.summary}
          </View>
          <View className='muted'>
            参与 {page.result.turnout.owners}/{page.result.roll.owners} 户，{m2(page.result.turnout.areaCenti)}/
            {m2(page.result.roll.areaCenti)}
          </View>
          <View className='muted'>{page.secret ? '不记名表决：只列是否投票。' : '每户只列房号、面积和选择，不列姓名。'}</View>
        </View>
      ) : null}
      <StateView {...list.state} empty={list.items.length === 0 && { title: '暂无数据' }}>
        <View className='card'>
          {list.items.map((r, i) => (
            <View key={i} className='row vote-result-row'>
              <View className='row__main'>
                <View className='row__title'>{r.label}</View>
                <View className='row__sub'>{m2(r.areaCenti)}</View>
              </View>
              <View className='row__side vote-row-choice'>{r.voted ? (r.choice ?? '已投') + (r.paper ? '（纸质）' : '') : '未投'}</View>
            </View>
          ))}
        </View>
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
