/**
 * The state of one activity page: the activity (one read), the check-in code typed or
 * scanned, the organiser's shown code and the two sheets (更正时长, 取消活动), and the
 * actions. Each action posts one call and shows the activity the function answers;
 * the functions check everything.
 */
import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import type { ActivityDetail, CheckinCode, SignupRow } from '@core/activities/contract';
import { activityPage } from '@core/activities/rules';
import { askForMessage } from '@/services/subscribe';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet } from '@/services/files';

export const isWeapp = process.env.TARO_ENV === 'weapp';
export const toast = (title: string, ok = false) => void Taro.showToast({ title, icon: ok ? 'success' : 'none' });

export function useActivityPage() {
  const params = useRouter().params;
  // A mini-program code opens the page with scene "<activityId>-<code>".
  const scene = decodeURIComponent(params.scene ?? '');
  const id = decodeURIComponent(params.id ?? '') || scene.split('-')[0];
  const act = useRemote(() => api('activities').call('activities.get', { activityId: id }), [id]);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState(scene.split('-')[1] ?? '');
  const [shown, setShown] = useState<CheckinCode | null>(null);
  const [fix, setFix] = useState<SignupRow | null>(null);
  const [fixMin, setFixMin] = useState('');
  const [fixReason, setFixReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');

  useShareAppMessage(() => ({ title: act.data ? `【志愿活动】${act.data.title}` : '志愿活动', path: '/' + activityPage(id) }));

  async function run(fn: () => Promise<ActivityDetail | void>, done?: string) {
    setBusy(true);
    try {
      const d = await fn();
      if (d) act.setData(d);
      if (done) toast(done, true);
    } catch (e) {
      toast(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  const call = api('activities');

  async function signUp(slotKey?: string) {
    // One accepted tap = one message (promotion or the day-before reminder); a message is a convenience.
    await askForMessage('activity', (input) => call.call('activities.subscribe', input)).catch(() => null);
    await run(() => call.call('activities.signUp', { activityId: id, ...(slotKey ? { slotKey } : {}) }), '已提交');
  }

  async function scan() {
    if (!isWeapp) return;
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true });
      const m = /scene=([^&]+)/.exec(r.path ?? '') ?? /-([A-Z0-9]{8})$/.exec(r.result ?? '');
      const c = m ? decodeURIComponent(m[1]).split('-').pop()! : '';
      if (c) await run(() => call.call('activities.checkIn', { activityId: id, code: c }), '签到成功');
    } catch {
      /* cancelled */
    }
  }

  async function cancelSignup() {
    const ok = await Taro.showModal({
      title: '确认取消报名？',
      content: '取消后名额会按顺序给候补的邻居。',
      confirmText: '取消报名',
    })
      .then((r) => r.confirm)
      .catch(() => false);
    if (ok) await run(() => call.call('activities.cancel', { activityId: id }), '已取消');
  }

  return {
    act,
    busy,
    code,
    setCode,
    shown,
    fix,
    setFix,
    fixMin,
    setFixMin,
    fixReason,
    setFixReason,
    cancelling,
    setCancelling,
    cancelReason,
    setCancelReason,
    signUp,
    scan,
    cancelSignup,
    checkIn: () => run(() => call.call('activities.checkIn', { activityId: id, code }), '签到成功'),
    checkOut: () => run(() => call.call('activities.checkOut', { activityId: id }), '已签退'),
    mark: (personId: string, what: 'in' | 'out') => run(() => call.call('activities.mark', { activityId: id, personId, what })),
    startFix(r: SignupRow) {
      setFix(r);
      setFixMin(String(r.minutes ?? 0));
      setFixReason('');
    },
    correctHours: () =>
      run(async () => {
        const r = await call.call('activities.correctHours', {
          activityId: id,
          personId: fix!.personId,
          minutes: Number(fixMin),
          reason: fixReason,
        });
        setFix(null);
        return r;
      }, '已更正'),
    showCode: () => run(async () => setShown(await call.call('activities.checkinCode', { activityId: id }))),
    exportList: () =>
      run(async () => {
        const r = await call.call('activities.export', { activityId: id });
        await openSpreadsheet(r.url);
      }),
    startCancel() {
      setCancelReason('');
      setCancelling(true);
    },
    cancelActivity: () =>
      run(async () => {
        const r = await call.call('activities.cancelActivity', { activityId: id, reason: cancelReason });
        setCancelling(false);
        return r;
      }, '活动已取消'),
  };
}

export type ActivityPageState = ReturnType<typeof useActivityPage>;
