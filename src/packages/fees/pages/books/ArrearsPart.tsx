/** Arrears by building and the reminder job's progress (books page). */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { formatYuan } from '@core/platform/units';
import type { JobView } from '@core/platform/jobs';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';

const POLL_MS = 1500;

/** What a finished (or running) reminder did, in words: never a success for nobody reached. */
function jobWords(j: JobView): { text: string; tone: 'ok' | 'info' | 'warn'; finished: boolean } {
  const unknown = j.unknown > 0 ? `，${j.unknown} 人不确定是否收到` : '';
  if (j.status === 'failed') return { text: `提醒没有发完：${j.error ?? '请稍后再试'}（已提醒 ${j.done} 人）`, tone: 'warn', finished: true };
  if (j.status !== 'done') return { text: `正在发送催缴提醒：已提醒 ${j.done} 人${j.total !== null ? `，共 ${j.total} 人` : ''}…`, tone: 'info', finished: false };
  if (j.done === 0) return { text: `没有提醒到任何人${j.skipped ? `（${j.skipped} 人未订阅或已提醒过）` : ''}。请上门或电话告知。`, tone: 'warn', finished: true };
  const skipped = j.skipped > 0 ? `，${j.skipped} 人收不到（未订阅或已提醒过），请上门或电话告知` : '';
  return { text: `已通过微信提醒 ${j.done} 人${skipped}${unknown}`, tone: j.skipped || j.unknown ? 'info' : 'ok', finished: true };
}

/** 欠费与催缴: arrears per building (tap one to remind only it), the preview in words, the reminder and its progress. */
export function ArrearsPart(props: { compoundId: string; period: string; canRemind: boolean }) {
  const { compoundId, period, canRemind } = props;
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const arrears = useRemote(() => api('fees').call('fees.arrears', { compoundId, period }), [compoundId, period], { refreshOnShow: true });
  const preview = useRemote(() => api('fees').call('fees.remindPreview', { compoundId, ...(buildingId ? { buildingId } : {}) }), [compoundId, buildingId], { skip: !canRemind, refreshOnShow: true });
  const remindId = useRequestId([compoundId, buildingId]);
  const [sending, setSending] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function follow(jobId: string) {
    try {
      const j = await api('fees').call('fees.jobStatus', { jobId });
      setJob(j);
      if (jobWords(j).finished) {
        void preview.reload();
        return;
      }
    } catch {
      /* a lost answer is not a failed job: keep following */
    }
    timer.current = setTimeout(() => void follow(jobId), POLL_MS);
  }

  async function remind() {
    const p = preview.data;
    if (!p || !p.withGrant) return;
    const ok = await confirmAction({
      title: '催缴提醒',
      content: `将通过微信提醒${p.scopeLabel}欠费住户中的 ${p.withGrant} 人缴费。${p.tellInPerson ? `另有 ${p.tellInPerson} 户收不到微信提醒，需要上门或电话告知。` : ''}每户7天内只提醒一次。`,
      confirmText: `提醒 ${p.withGrant} 人`,
      cancelText: '再想想',
    });
    if (!ok) return;
    setSending(true);
    setJob(null);
    try {
      const j = await api('fees').call('fees.remind', { clientRequestId: remindId.id, compoundId, ...(buildingId ? { buildingId } : {}) });
      remindId.renew();
      setJob(j);
      if (!jobWords(j).finished) timer.current = setTimeout(() => void follow(j.id), POLL_MS);
      else void preview.reload();
    } catch (e) {
      Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSending(false);
    }
  }

  const a = arrears.data;
  const p = preview.data;
  const jw = job ? jobWords(job) : null;
  const chosen = a?.buildings.find((b) => b.buildingId === buildingId);
  const scopes = [{ id: undefined as string | undefined, name: '全小区' }, ...(a?.buildings ?? []).map((b) => ({ id: b.buildingId as string | undefined, name: b.buildingName }))];
  const pick = (id: string | undefined) => {
    setBuildingId(id);
    setJob(null);
    void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 200 }).catch(() => undefined);
  };
  return (
    <View className='card fees-arrears'>
      <View className='card__title'>欠费与催缴</View>
      {canRemind ? (
        <View className='fees-remind'>
          <Picker mode='selector' range={scopes.map((x) => x.name)} value={Math.max(0, scopes.findIndex((x) => x.id === buildingId))} onChange={(e) => pick(scopes[Number(e.detail.value)].id)}>
            <View className='fees-input fees-remind__scope'>催缴范围：{chosen ? chosen.buildingName : '全小区'} ▾</View>
          </Picker>
          <View className='fees-remind__title'>催缴提醒：{chosen ? chosen.buildingName : '全小区'}</View>
          {!p ? (
            <View className='muted'>{preview.error ? preview.error.message : '正在统计可以提醒的人…'}</View>
          ) : (
            <View>
              <View className='muted'>
                逾期未缴（上月及以前）{p.homesInArrears} 户，共 {p.arrears}
              </View>
              <View className={`fees-remind__reach${p.withGrant ? '' : ' fees-remind__reach--none'}`}>{p.withGrant ? `可以微信提醒 ${p.withGrant} 人` : '没有人可以微信提醒'}</View>
              {p.tellInPerson ? (
                <View className='fees-remind__inperson'>
                  {p.withGrant ? '另有 ' : ''}
                  {p.tellInPerson} 户需要上门或电话告知（没有人订阅缴费提醒）
                </View>
              ) : null}
              {p.remindedRecently ? <View className='muted fees-remind__recent'>{p.remindedRecently} 户近7天已提醒过，这次不再提醒</View> : null}
            </View>
          )}
          <Btn type='primary' block loading={sending} disabled={!p || !p.withGrant || (!!jw && !jw.finished)} className='fees-remind-btn' onClick={remind}>
            {p && p.withGrant ? `催缴提醒（${p.withGrant} 人）` : '催缴提醒'}
          </Btn>
          {jw ? <View className={`fees-remind__job fees-remind__job--${jw.tone}`}>{jw.text}</View> : null}
          <View className='muted'>住户在「物业缴费」点“欠费时提醒我”后，才能收到一条微信提醒。</View>
        </View>
      ) : null}
      <StateView {...arrears.state} />
      {a ? (
        <View className='fees-arrears__list'>
          <View className='fees-remind__title'>
            {Number(period.slice(5))}月收缴率 {a.rate}%
          </View>
          {canRemind ? <View className='muted'>点一栋楼，只提醒这栋楼的欠费住户</View> : null}
          {a.buildings.map((b) => (
            <View
              key={b.buildingId}
              className={`row fees-arrears__row${buildingId === b.buildingId ? ' fees-arrears__row--on' : ''}`}
              onClick={canRemind ? () => pick(buildingId === b.buildingId ? undefined : b.buildingId) : undefined}
            >
              <View className='row__main'>
                <View className='row__title'>
                  {b.buildingName} 收缴率 {b.rate}%
                </View>
                <View className='row__sub'>{b.homesInArrears ? `未缴 ${b.homesInArrears} 户（含本月），共 ${formatYuan(b.arrearsFen)}` : '都已缴清'}</View>
              </View>
              {canRemind ? <View className='row__side'>{buildingId === b.buildingId ? '已选' : '选择'}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
