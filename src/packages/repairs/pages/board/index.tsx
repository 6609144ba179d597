/**
 * 公共报修: open common-area repairs of my compound (who reported is not shown).
 * Seeing the broken lift already reported, a neighbour taps 我也遇到 instead of
 * reporting it again.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useKept } from '@/hooks/useKept';
import { api, toServiceError } from '@/services/cloud';
import { go } from '@/utils/nav';
import RepairRow from '../../components/RepairRow';
import { REPAIR_URLS } from '../../logic';
import '../../common.scss';
import './index.scss';

export default function BoardPage() {
  // One call: without a pick the board answers for my first compound and names my compounds.
  const [picked, setPicked] = useState('');
  const board = useRemote(() => api('repairs').call('repairs.board', picked ? { compoundId: picked } : {}), [picked], {
    refreshOnShow: true,
  });
  const compounds = useKept(board.data?.compounds, []);
  const compoundId = picked || board.data?.compoundId || '';
  const [busy, setBusy] = useState('');

  async function follow(id: string) {
    setBusy(id);
    try {
      const r = await api('repairs').call('repairs.follow', { repairId: id });
      board.setData(
        (b) =>
          b && { ...b, following: [...b.following, id], items: b.items.map((x) => (x.id === id ? { ...x, followers: r.followers } : x)) },
      );
      void Taro.showToast({ title: '已记录，物业会看到', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy('');
    }
  }

  return (
    <PageShell className='repair-board'>
      <View className='banner banner--info'>这里是小区公共区域正在处理的报修。遇到同样的问题，点“我也遇到”就行，不用重复报修。</View>
      {compounds.length > 1 ? (
        <Choice
          columns={2}
          options={compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
          value={compoundId}
          onChange={setPicked}
        />
      ) : null}
      <StateView
        {...board.state}
        empty={
          !!board.data &&
          board.data.items.length === 0 && {
            title: '公共区域暂无报修',
            action: { label: '我要报修', onClick: () => go(REPAIR_URLS.repairReport) },
          }
        }
      >
        {(board.data?.items ?? []).map((r) => {
          const mine = board.data!.following.includes(r.id);
          return (
            <View key={r.id} className='board-item'>
              <RepairRow r={r} />
              <View className='board-item__follow'>
                {mine ? (
                  <View className='board-item__done'>✓ 已点“我也遇到”</View>
                ) : (
                  <Btn size='small' type='primary' loading={busy === r.id} className='board-follow' onClick={() => void follow(r.id)}>
                    我也遇到
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
