/**
 * 欠费与催缴 on the 记账 page: arrears per building (tap one to remind only it), the
 * preview in words, the reminder and its progress. The arrears and the whole compound's
 * preview come with the page's one read (ledger.booksPage); a building picked, or the
 * preview after a reminder, is one fees.remindPreview.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { formatYuan } from '@core/platform/units';
import type { ArrearsView, RemindPreviewView } from '@core/fees/contract';
import type { JobView } from '@core/platform/jobs';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { confirmAction } from '@/store/confirm';

const POLL_MS = 1500;

/** What a finished (or running) reminder did, in words: never a success for nobody reached. */
function jobWords(j: JobView): { text: string; tone: 'ok' | 'info' | 'warn'; finished: boolean } {
  const unknown = j.unknown > 0 ? `，${j.unknown} 人不确定是否收到` : '';
  if (j.status === 'failed')
    return { text: `提醒没有发完：${j.error ?? '请稍后再试'}（已提醒 ${j.done} 人）`, tone: 'warn', finished: true };
  if (j.status !== 'done')
    return { text: `正在发送催缴提醒：已提醒 ${j.done} 人${j.total !== null ? `，共 ${j.total} 人` : ''}…`, tone: 'info', finished: false };
  // Who still needs a visit is counted in homes, in the list under the preview (people who got nothing are not a second, different figure).
  if (j.done === 0) return { text: '没有提醒到任何人。请按下方名单上门或电话告知。', tone: 'warn', finished: true };
  return { text: `已通过微信提醒 ${j.done} 人${unknown}`, tone: j.unknown ? 'info' : 'ok', finished: true };
}

/** The whole compound's preview from the page's read, a building's on its own; either re-read after a reminder. */
function usePreview(compoundId: string, buildingId: string | undefined, seed: RemindPreviewView | null) {
  const [whole, setWhole] = useState(seed);
  useEffect(() => setWhole(seed), [seed]);
  const scoped = useRemote(
    () => api('fees').call('fees.remindPreview', { compoundId, buildingId: buildingId! }),
    [compoundId, buildingId],
    {
      skip: !buildingId,
    },
  );
  return {
    data: buildingId ? scoped.data : (whole ?? undefined),
    error: buildingId ? scoped.error : undefined,
    async reload() {
      if (buildingId) return scoped.reload();
      try {
        setWhole(await api('fees').call('fees.remindPreview', { compoundId }));
      } catch {
        /* the figures on screen stay until the next show */
      }
    },
  };
}

export function ArrearsPart(props: { compoundId: string; period: string; arrears: ArrearsView | null; preview: RemindPreviewView | null }) {
  const { compoundId, period } = props;
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  const preview = usePreview(compoundId, buildingId, props.preview);
  const remindId = useRequestId([compoundId, buildingId]);
  const [sending, setSending] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const [showVisits, setShowVisits] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

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

  const a = props.arrears;
  const p = preview.data;
  const jw = job ? jobWords(job) : null;
  const chosen = a?.buildings.find((b) => b.buildingId === buildingId);
  const scopes = [
    { id: undefined as string | undefined, name: '全小区' },
    ...(a?.buildings ?? []).map((b) => ({ id: b.buildingId as string | undefined, name: b.buildingName })),
  ];
  const pick = (id: string | undefined) => {
    setBuildingId(id);
    setJob(null);
    void Taro.pageScrollTo({ selector: '.fees-arrears', duration: 200 }).catch(() => undefined);
  };
  return (
    <View className='card fees-arrears'>
      <View className='card__title'>欠费与催缴</View>
      <View className='fees-remind'>
        <Picker
          mode='selector'
          range={scopes.map((x) => x.name)}
          value={Math.max(
            0,
            scopes.findIndex((x) => x.id === buildingId),
          )}
          onChange={(e) => pick(scopes[Number(e.detail.value)].id)}
        >
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
            <View className={`fees-remind__reach${p.withGrant ? '' : ' fees-remind__reach--none'}`}>
              {p.withGrant ? `可以微信提醒 ${p.withGrant} 人` : '没有人可以微信提醒'}
            </View>
            {p.tellInPerson ? (
              <View className='row row--link fees-remind__inperson' onClick={() => setShowVisits(!showVisits)}>
                <View className='row__main'>
                  {p.withGrant ? '另有 ' : ''}
                  {p.tellInPerson} 户需要上门或电话告知（没有人订阅缴费提醒）
                </View>
                <View className='row__side'>{showVisits ? '收起' : '查看名单'}</View>
              </View>
            ) : null}
            {showVisits && p.tellInPerson ? (
              <View className='fees-visits'>
                {p.visitList.map((h) => (
                  <View key={h.homeId} className='row fees-visit'>
                    <View className='row__main'>
                      <View className='row__title'>{h.label}</View>
                      <View className='row__sub'>
                        {h.name} · 欠 {h.months} 个月
                      </View>
                    </View>
                    <View className='row__side'>{h.arrears}</View>
                  </View>
                ))}
                {p.visitList.length < p.tellInPerson ? (
                  <View className='muted'>只列出前 {p.visitList.length} 户，可导出欠费表查看全部</View>
                ) : null}
              </View>
            ) : null}
            {p.remindedRecently ? (
              <View className='muted fees-remind__recent'>{p.remindedRecently} 户近7天已提醒过，这次不再提醒</View>
            ) : null}
          </View>
        )}
        <Btn
          type='primary'
          block
          loading={sending}
          disabled={!p || !p.withGrant || (!!jw && !jw.finished)}
          className='fees-remind-btn'
          onClick={remind}
        >
          {p && p.withGrant ? `催缴提醒（${p.withGrant} 人）` : '催缴提醒'}
        </Btn>
        {jw ? <View className={`fees-remind__job fees-remind__job--${jw.tone}`}>{jw.text}</View> : null}
        <View className='muted'>住户在「物业缴费」点“欠费时提醒我”后，才能收到一条微信提醒。</View>
      </View>
      {a ? (
        <View className='fees-arrears__list'>
          <View className='fees-remind__title'>
            {Number(period.slice(5))}月收缴率 {a.rate}%
          </View>
          <View className='muted'>点一栋楼，只提醒这栋楼的欠费住户</View>
          {a.buildings.map((b) => (
            <View
              key={b.buildingId}
              className={`row fees-arrears__row${buildingId === b.buildingId ? ' fees-arrears__row--on' : ''}`}
              onClick={() => pick(buildingId === b.buildingId ? undefined : b.buildingId)}
            >
              <View className='row__main'>
                <View className='row__title'>
                  {b.buildingName} 收缴率 {b.rate}%
                </View>
                <View className='row__sub'>
                  {b.homesInArrears ? `未缴 ${b.homesInArrears} 户（含本月），共 ${formatYuan(b.arrearsFen)}` : '都已缴清'}
                </View>
              </View>
              <View className='row__side'>{buildingId === b.buildingId ? '已选' : '选择'}</View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
