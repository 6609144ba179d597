/**
 * 民情公开栏: the compound's open public concerns, without who raised them. Seeing
 * the same worry already raised, a neighbour taps 我也关心 instead of raising it again.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ConcernPlaces } from '@core/concerns/contract';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import { go } from '@/utils/nav';
import ConcernRow from '../../components/ConcernRow';
import { URL } from '../../logic';
import '../../common.scss';

export default function BoardPage() {
  // One call: without a pick the board is of my first home's compound, and brings my places for the picker.
  const [picked, setPicked] = useState('');
  const board = useRemote(() => api('concerns').call('concerns.board', picked ? { compoundId: picked } : {}), [picked], {
    refreshOnShow: true,
  });
  const places = useKept<ConcernPlaces | undefined>(board.data?.places, undefined);
  const compounds = [...new Map((places?.homes ?? []).map((h) => [h.compoundId, h.label.split(' ')[0]])).entries()];
  const compoundId = picked || board.data?.compoundId || '';
  const [busy, setBusy] = useState('');

  async function follow(id: string) {
    setBusy(id);
    try {
      const r = await api('concerns').call('concerns.follow', { concernId: id });
      board.setData(
        (b) =>
          b && { ...b, following: [...b.following, id], items: b.items.map((x) => (x.id === id ? { ...x, followers: r.followers } : x)) },
      );
      void Taro.showToast({ title: '已记录，楼栋长会看到', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy('');
    }
  }

  return (
    <PageShell className='concern-board'>
      <View className='banner banner--info'>
        这里是小区邻居公开反映、正在处理的事（不显示姓名和房号）。您也关心，点“我也关心”就行，不用重复反映。
      </View>
      {compounds.length > 1 ? (
        <Choice columns={2} options={compounds.map(([value, label]) => ({ value, label }))} value={compoundId} onChange={setPicked} />
      ) : null}
      <StateView
        {...board.state}
        empty={
          !!board.data && board.data.items.length === 0
            ? { title: '暂无公开的民情', action: { label: '我有话说', onClick: () => go(URL.concernRaise) } }
            : false
        }
      >
        {(board.data?.items ?? []).map((c) => {
          const mine = board.data!.following.includes(c.id);
          return (
            <View key={c.id} className='board-item'>
              <ConcernRow c={c} />
              <View style={{ marginTop: '-8px', marginBottom: '24px' }}>
                {mine ? (
                  <View className='muted board-item__done'>✓ 已关心（或是您反映的）</View>
                ) : (
                  <Btn size='small' type='primary' loading={busy === c.id} className='board-follow' onClick={() => void follow(c.id)}>
                    我也关心
                  </Btn>
                )}
              </View>
            </View>
          );
        })}
      </StateView>
    </PageShell>
  );
}
