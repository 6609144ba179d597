/**
 * 委员缴费公示: every six months, whether each committee member has paid every bill of
 * the half-year for their homes. Residents read the published list (or 本期尚未公示);
 * the people who keep the books also see today's state before it is published; the
 * committee publishes a half once it has ended (a frozen list: publishing again keeps it).
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { lastEndedHalf } from '@core/fees/dues';
import type { DuesMemberView } from '@core/fees/contract-dues';
import { shanghaiMonth } from '@core/platform/period';
import PageShell from '@/components/PageShell';
import StateView, { EmptyView } from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { loadMe } from '@/store/me';
import { confirmAction } from '@/store/confirm';
import '../../common.scss';
import './index.scss';

function Member(props: { m: DuesMemberView }) {
  const { m } = props;
  return (
    <View className={`row fees-dues__member fees-dues__member--${m.state}`}>
      <View className='row__main'>
        <View className='row__title'>
          {m.name} <View className='fees-dues__role'>{m.roleLabel}</View>
        </View>
        <View className='row__sub'>{m.homes.length ? m.homes.join('、') : '本小区未登记房屋'}</View>
      </View>
      <View className={`fees-dues__state fees-dues__state--${m.state}`}>{m.label}</View>
    </View>
  );
}

export default function DuesPage() {
  const params = useRouter().params;
  const me = useRemote(loadMe);
  // The compounds I live in or hold a role in.
  const places = new Map<string, string>();
  for (const h of me.data?.homes ?? []) places.set(h.compoundId, h.compoundName);
  for (const r of me.data?.roles ?? []) if (r.compoundId && !places.has(r.compoundId)) places.set(r.compoundId, r.scopeLabel.split(' ')[0]);
  const compoundIds = [...places.keys()];
  const [picked, setPicked] = useState<string | null>(null);
  const compoundId = picked ?? (params.compoundId && places.has(params.compoundId) ? params.compoundId : compoundIds[0]);
  const [half, setHalf] = useState(() => (params.half && /^20\d\dH[12]$/.test(params.half) ? params.half : lastEndedHalf(shanghaiMonth())));
  const list = useRemote(() => api('fees').call('fees.committeeDues', { compoundId: compoundId!, half }), [compoundId, half], {
    skip: !compoundId,
    refreshOnShow: true,
  });
  const [busy, setBusy] = useState(false);
  const v = list.data;

  async function publish() {
    if (!v) return;
    const ok = await confirmAction({
      title: '公示委员缴费情况',
      content: `将把${v.halfLabel}${v.members.length}位委员的缴费情况向全体住户公示。公示后内容不再改变，确定吗？`,
      confirmText: '公示',
      cancelText: '再想想',
    });
    if (!ok) return;
    setBusy(true);
    try {
      list.setData(await api('fees').call('fees.publishCommitteeDues', { compoundId: v.compoundId, half: v.half }));
      Taro.showToast({ title: '已公示', icon: 'success' });
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  const halves = v?.halves ?? [];
  return (
    <PageShell className='fees-dues'>
      <StateView
        {...me.state}
        empty={
          !!me.data && !compoundIds.length && { title: '没有可以查看的小区', text: '绑定房屋后，可以查看本小区业委会委员的缴费公示。' }
        }
      />
      {compoundId ? (
        <View className='card'>
          <View className='muted'>业委会委员带头缴费，每半年向全体住户公示一次：每位委员名下房屋在这半年的账单是否都已缴清。</View>
          {compoundIds.length > 1 ? (
            <Picker
              mode='selector'
              range={compoundIds.map((c) => places.get(c) ?? c)}
              value={compoundIds.indexOf(compoundId)}
              onChange={(e) => setPicked(compoundIds[Number(e.detail.value)])}
            >
              <View className='fees-input fees-dues__compound'>小区：{places.get(compoundId)} ▾</View>
            </Picker>
          ) : null}
          {halves.length ? (
            <Picker
              mode='selector'
              range={halves.map((x) => `${x.label}${x.published ? '（已公示）' : ''}`)}
              value={Math.max(
                0,
                halves.findIndex((x) => x.half === half),
              )}
              onChange={(e) => setHalf(halves[Number(e.detail.value)].half)}
            >
              <View className='fees-input fees-dues__half'>{v?.halfLabel ?? half} ▾</View>
            </Picker>
          ) : null}
        </View>
      ) : null}
      {compoundId ? <StateView {...list.state} /> : null}
      {v ? (
        <View className='card fees-dues__list'>
          <View className='card__title'>{v.compoundName} 委员缴费公示</View>
          {v.source === 'published' ? (
            <View className='fees-dues__banner fees-dues__banner--published'>
              已于 {v.publishedAt!.slice(0, 10)} 公示{v.publishedByName ? `（${v.publishedByName}）` : ''}，内容不再改变
            </View>
          ) : v.source === 'live' ? (
            <View className='fees-dues__banner fees-dues__banner--live'>
              本期尚未公示。以下是今天的实际情况，只有业委会、物业和记账员等能看到。
            </View>
          ) : null}
          {v.source === 'hidden' ? (
            <EmptyView
              title='本期尚未公示'
              text={v.halfEnded ? '业委会公示后，这里会列出每位委员是否已缴清。' : '这半年还没有结束，结束后由业委会公示。'}
            />
          ) : v.members.length ? (
            v.members.map((m) => <Member key={`${m.name}_${m.homes.join()}`} m={m} />)
          ) : (
            <EmptyView title='本小区目前没有业委会委员' />
          )}
          {v.canPublish ? (
            <Btn type='primary' block loading={busy} className='fees-dues-publish' onClick={publish}>
              公示{v.halfLabel.slice(0, 8)}
            </Btn>
          ) : v.source === 'live' && !v.halfEnded ? (
            <View className='muted fees-dues__when'>这半年结束后，业委会可以公示。</View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
