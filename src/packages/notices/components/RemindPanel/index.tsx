/**
 * 一键提醒, honestly: before the tap, how many people a WeChat reminder reaches
 * (notices.remindPreview) and how many homes must be told in person instead; after
 * it, the reminder job's progress (notices.jobStatus) until it finishes — never a
 * green box for 0.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { JobView } from '@core/platform/jobs';
import Btn from '@/components/Btn';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { jobWords, previewWords } from '@/packages/notices/logic';
import './index.scss';

const POLL_MS = 1500;

export default function RemindPanel(props: {
  noticeId: string;
  buildingId?: string;
  scopeLabel: string;
  onInPerson?: () => void;
  onDone?: () => void;
}) {
  const { noticeId, buildingId } = props;
  const preview = useRemote(
    () => api('notices').call('notices.remindPreview', { noticeId, ...(buildingId ? { buildingId } : {}) }),
    [noticeId, buildingId],
    { refreshOnShow: true },
  );
  // One reminder per tap: a retry after a timeout must not message people twice.
  const remindId = useRequestId([noticeId, buildingId]);
  const [sending, setSending] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function follow(jobId: string) {
    try {
      const j = await api('notices').call('notices.jobStatus', { jobId });
      setJob(j);
      if (jobWords(j).finished) {
        void preview.reload();
        props.onDone?.();
        return;
      }
    } catch {
      /* keep polling: a lost answer is not a failed job */
    }
    timer.current = setTimeout(() => void follow(jobId), POLL_MS);
  }

  async function remind() {
    setSending(true);
    setError(null);
    setJob(null);
    try {
      const r = await api('notices').call('notices.remind', {
        clientRequestId: remindId.id,
        noticeId,
        ...(buildingId ? { buildingId } : {}),
      });
      remindId.renew();
      await follow(r.jobId);
    } catch (e) {
      setError(toServiceError(e).message);
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSending(false);
    }
  }

  const p = preview.data;
  const w = p ? previewWords(p) : null;
  const jw = job ? jobWords(job) : null;
  return (
    <View className='card remind-panel'>
      <View className='card__title'>一键提醒{props.scopeLabel}</View>
      {!p ? (
        <View className='note'>{preview.error ? preview.error.message : '正在统计可以提醒的人…'}</View>
      ) : (
        <View className='remind-panel__preview'>
          <View className={`remind-panel__reach${w!.canRemind ? '' : ' remind-panel__reach--none'}`}>{w!.reach}</View>
          {w!.inPerson ? (
            <View className='remind-panel__inperson'>
              {w!.inPerson}
              {props.onInPerson ? (
                <View className='remind-panel__link' onClick={props.onInPerson}>
                  查看需当面告知的住户 ›
                </View>
              ) : null}
            </View>
          ) : null}
          <View className='note'>微信规定：住户每点一次“订阅通知提醒”，才能收到一条提醒。</View>
        </View>
      )}
      <Btn
        type='primary'
        block
        loading={sending}
        disabled={!w || !w.canRemind || (!!jw && !jw.finished)}
        className='remind-btn'
        onClick={remind}
      >
        {w && w.canRemind ? `一键提醒（${p!.withGrant} 人）` : '一键提醒'}
      </Btn>
      {jw ? <View className={`remind-panel__job remind-panel__job--${jw.tone}`}>{jw.text}</View> : null}
      {error ? <View className='remind-panel__job remind-panel__job--warn'>{error}</View> : null}
    </View>
  );
}
