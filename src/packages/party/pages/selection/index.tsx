/**
 * One selection: its rules and phase; our household's invitation; 提名 while nominations
 * run; the accepted nominees with 投一票 while voting (one vote per home); 公布结果 for
 * the organisers; the 荣誉榜 and a text for the owners' group once published.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { SelectionDetail } from '@core/party/contract';
import { formatDateTime } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';
import Nominate from '../../Nominate';
import Invitation from '../../Invitation';
import '../../common.scss';

export default function PartySelectionPage() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote<SelectionDetail>(() => api('party').call('party.selection', { selectionId: id }), [id]);
  const d = remote.data;
  const done = (x: SelectionDetail) => remote.setData(x);
  async function act(f: () => Promise<SelectionDetail>) {
    try {
      done(await f());
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    }
  }
  async function vote(homeId: string, label: string) {
    if (!(await confirmAction({ title: '投票', content: `每户只有一票，投给 ${label} 吗？`, confirmText: '投票', cancelText: '再想想' })))
      return;
    await act(() => api('party').call('party.vote', { selectionId: id, homeId: d!.myHomeId!, nomineeHomeId: homeId }));
  }
  async function startVoting() {
    if (
      !(await confirmAction({
        title: '开始投票',
        content: '提名到此结束，已同意参选的住户进入投票。确定吗？',
        confirmText: '开始投票',
        cancelText: '再想想',
      }))
    )
      return;
    await act(() => api('party').call('party.startVoting', { selectionId: id }));
  }
  async function publish() {
    if (
      !(await confirmAction({
        title: '公布结果',
        content: '公布后投票结束，结果向全体住户显示。确定吗？',
        confirmText: '公布',
        cancelText: '再想想',
      }))
    )
      return;
    await act(() => api('party').call('party.publish', { selectionId: id }));
  }
  return (
    <PageShell className='party-selection'>
      <StateView {...remote.state}>
        {d ? (
          <View>
            <View className='card'>
              <View className='card__title'>
                {d.title}（{d.kindLabel}）
              </View>
              <View className='party-muted party-phase'>
                {d.phaseLabel} · 提名截止 {formatDateTime(d.nominateUntil)} · 投票截止 {formatDateTime(d.voteUntil)} · {d.places} 个名额
              </View>
              <View className='party-note'>{d.rules}</View>
            </View>
            {d.phase === 'published' ? (
              <View className='card party-honour'>
                <View className='card__title'>荣誉榜</View>
                {d.winners.length === 0 ? <View className='party-muted'>本次评选无人当选。</View> : null}
                {d.winners.map((w, i) => (
                  <View key={w.homeId} className='row party-winner'>
                    <View className='row__main'>
                      <View className='row__title'>
                        {i + 1}. {w.label}
                      </View>
                      <View className='row__sub'>{w.reason}</View>
                    </View>
                    <View className='row__side'>{w.votes} 票</View>
                  </View>
                ))}
                {d.shareText ? <View className='party-note party-share'>发到业主群：{d.shareText}</View> : null}
              </View>
            ) : null}
            {d.invitation ? <Invitation selectionId={d.id} n={d.invitation} onDone={done} /> : null}
            {d.canNominate ? <Nominate d={d} onDone={done} /> : null}
            {d.phase !== 'published' ? (
              <View className='card party-nominees'>
                <View className='card__title'>候选住户（{d.nominees.length}）</View>
                {d.nominees.length === 0 ? <View className='party-muted'>还没有同意参选的住户。</View> : null}
                {d.nominees.map((n) => (
                  <View key={n.homeId} className='row party-nominee'>
                    <View className='row__main'>
                      <View className='row__title'>{n.label}</View>
                      <View className='row__sub'>
                        {n.reason}
                        {n.accepted ? '' : ' · 等待对方同意'}
                      </View>
                    </View>
                    {d.canVote && n.accepted && n.homeId !== d.myHomeId ? (
                      <Btn size='small' type='primary' className='party-vote' onClick={() => void vote(n.homeId, n.label)}>
                        投一票
                      </Btn>
                    ) : d.myVote === n.homeId ? (
                      <View className='row__side party-ok'>已投</View>
                    ) : null}
                  </View>
                ))}
                {d.myVote ? <View className='party-note'>您家已投票，结果在评选结束后公布。</View> : null}
              </View>
            ) : null}
            {d.canStartVoting ? (
              <Btn type='primary' block className='party-start-voting' onClick={() => void startVoting()}>
                结束提名，开始投票
              </Btn>
            ) : null}
            {d.canPublish ? (
              <Btn type='primary' block className='party-publish' onClick={() => void publish()}>
                结束投票并公布结果
              </Btn>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  );
}
