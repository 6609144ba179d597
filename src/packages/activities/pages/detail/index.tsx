/**
 * One activity: what, when, where; its 接龙 list in order (party badge when shown);
 * sign up / cancel; check-in with the day's code and check-out. Organisers get the
 * check-in code, tick names, correct hours with a reason, and export the list.
 * Shared into WeChat groups as a card (weapp).
 */
import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Image, Input, View } from '@tarojs/components';
import type { ActivityDetail, CheckinCode, SignupRow } from '@core/activities/contract';
import { activityPage, formatMinutes } from '@core/activities/rules';
import { askForMessage } from '@/services/subscribe';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { api, toServiceError } from '@/services/cloud';
import { openSpreadsheet } from '@/services/files';
import { formatDateTime } from '@/utils/format';
import '@/packages/activities/common.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
const toast = (title: string, ok = false) => void Taro.showToast({ title, icon: ok ? 'success' : 'none' });

export default function ActivityDetailPage() {
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

  const d = act.data;
  if (!d)
    return (
      <PageShell className='act-detail'>
        <StateView {...act.state} />
      </PageShell>
    );
  const mineText = d.mine
    ? d.mine.status === 'confirmed'
      ? `您已报名（第${d.mine.position}位）`
      : `您在候补第${d.mine.position}位，有人取消时按顺序转正`
    : '';

  return (
    <PageShell className='act-detail'>
      <View className='card'>
        {d.cancelled ? (
          <View className='banner banner--warn act-cancelled'>
            <View className='act-cancelled__title'>活动已取消</View>
            {d.cancelled.byName} 于 {formatDateTime(d.cancelled.at)} 取消：{d.cancelled.reason}
          </View>
        ) : null}
        <View className='act-tags'>
          {d.partyOnly ? <View className='tag'>限党员</View> : null}
          {d.ended ? <View className='tag tag--grey'>已结束</View> : null}
        </View>
        <View className='act-title'>{d.title}</View>
        <View className='act-line'>
          时间：{formatDateTime(d.startAt)} 至 {formatDateTime(d.endAt).slice(11)}
        </View>
        <View className='act-line'>地点：{d.place}</View>
        <View className='act-line'>报名截止：{formatDateTime(d.deadline)}</View>
        <View className='act-line'>范围：{d.audienceLabel}</View>
        <View className='act-line'>组织者：{d.organiserName}</View>
        <View className='act-line act-description'>{d.description}</View>
        {d.images
          .filter((i) => i.url)
          .map((i) => (
            <Image key={i.fileID} src={i.url} mode='widthFix' style={{ width: '100%' }} />
          ))}
        {d.imagesChecking ? (
          <View className='note act-images-checking'>{d.imagesChecking} 张图片正在安全检测，通过后邻居才能看到</View>
        ) : null}
        {d.imagesRefused ? <View className='note act-images-refused'>{d.imagesRefused} 张图片未通过安全检测，不会展示</View> : null}
      </View>

      <View className='card act-signup'>
        <View className='card__title'>报名情况</View>
        {d.slots.map((s) => (
          <View key={s.key} className='act-row act-slot'>
            <View className='act-row__name'>
              {s.name} × {s.capacity}
            </View>
            <View className='act-row__side'>
              已报 {s.confirmed}
              {s.waiting ? ` · 候补 ${s.waiting}` : ''}
              {s.left ? ` · 余 ${s.left}` : ' · 已满'}
            </View>
          </View>
        ))}
        {mineText ? <View className='banner banner--info act-mine'>{mineText}</View> : null}
        {d.joinProblem && !d.mine ? <View className='note act-problem'>{d.joinProblem}</View> : null}
        <View className='stack'>
          {d.canJoin
            ? d.slots.map((s) => (
                <Btn
                  key={s.key}
                  type='primary'
                  block
                  loading={busy}
                  className={`act-join act-join--${s.key}`}
                  onClick={() => void signUp(d.slots.length > 1 ? s.key : undefined)}
                >
                  {s.left > 0 ? '我要报名' : '报名候补'}
                  {d.slots.length > 1 ? `（${s.name}）` : ''}
                </Btn>
              ))
            : null}
          {d.canCheckIn ? (
            <View className='act-checkin'>
              {isWeapp && !code ? (
                <Btn type='primary' block onClick={() => void scan()}>
                  扫码签到
                </Btn>
              ) : (
                <View className='field'>
                  <View className='field__label'>签到码（组织者出示）</View>
                  <Input
                    className='field__input act-code-input'
                    value={code}
                    maxlength={16}
                    placeholder='输入8位签到码'
                    onInput={(e) => setCode(e.detail.value.trim())}
                  />
                  <Btn
                    type='primary'
                    block
                    loading={busy}
                    className='act-checkin-btn'
                    onClick={() => void run(() => call.call('activities.checkIn', { activityId: id, code }), '签到成功')}
                  >
                    签到
                  </Btn>
                </View>
              )}
            </View>
          ) : null}
          {d.canCheckOut ? (
            <Btn
              type='primary'
              block
              loading={busy}
              className='act-checkout-btn'
              onClick={() => void run(() => call.call('activities.checkOut', { activityId: id }), '已签退')}
            >
              签退
            </Btn>
          ) : null}
          {d.canCancel ? (
            <Btn
              block
              loading={busy}
              className='act-cancel'
              onClick={async () => {
                const ok = await Taro.showModal({
                  title: '确认取消报名？',
                  content: '取消后名额会按顺序给候补的邻居。',
                  confirmText: '取消报名',
                })
                  .then((r) => r.confirm)
                  .catch(() => false);
                if (ok) await run(() => call.call('activities.cancel', { activityId: id }), '已取消');
              }}
            >
              取消报名
            </Btn>
          ) : null}
        </View>
      </View>

      <View className='card act-list'>
        <View className='card__title'>
          接龙名单（{d.confirmed} 人已报名{d.waiting ? `，${d.waiting} 人候补` : ''}）
        </View>
        {d.list.length === 0 ? <View className='muted'>还没有人报名，欢迎第一个接龙。</View> : null}
        {d.list.map((r) => (
          <View key={r.personId} className={`act-row act-person${r.status === 'waitlisted' ? ' act-row--wait' : ''}`}>
            <View className='act-row__no'>
              {r.status === 'waitlisted' ? `候${r.no - (d.slots.find((s) => s.key === r.slotKey)?.capacity ?? 0)}` : r.no}
            </View>
            <View className='act-row__name'>
              {r.name}
              {r.partyBadge ? <View className='party-badge'>党员</View> : null}
              {d.slots.length > 1 ? <View className='muted'>{d.slots.find((s) => s.key === r.slotKey)?.name}</View> : null}
            </View>
            <View className='act-row__side'>
              {typeof r.minutes === 'number' ? (
                <View className='act-minutes'>
                  {formatMinutes(r.minutes)}
                  {r.corrected ? '（已更正）' : ''}
                </View>
              ) : r.checkedInAt ? (
                <View>已签到</View>
              ) : null}
              {r.creditNote ? <View className='muted act-credit-note'>{r.creditNote}</View> : null}
              {d.canManage && r.status === 'confirmed' && !r.checkedInAt ? (
                <Btn
                  size='small'
                  className='act-tick-in'
                  onClick={() => void run(() => call.call('activities.mark', { activityId: id, personId: r.personId, what: 'in' }))}
                >
                  签到
                </Btn>
              ) : null}
              {d.canManage && r.checkedInAt && !r.checkedOutAt ? (
                <Btn
                  size='small'
                  className='act-tick-out'
                  onClick={() => void run(() => call.call('activities.mark', { activityId: id, personId: r.personId, what: 'out' }))}
                >
                  签退
                </Btn>
              ) : null}
              {d.canManage && !r.isMe && r.status === 'confirmed' && r.checkedOutAt ? (
                <Btn
                  size='small'
                  className='act-fix'
                  onClick={() => {
                    setFix(r);
                    setFixMin(String(r.minutes ?? 0));
                    setFixReason('');
                  }}
                >
                  更正
                </Btn>
              ) : null}
            </View>
          </View>
        ))}
        {d.moreWaiting ? <View className='muted act-more'>另有 {d.moreWaiting} 人候补（组织者可导出完整名单）</View> : null}
      </View>

      {d.canManage ? (
        <View className='card act-manage'>
          <View className='card__title'>组织者</View>
          {shown ? (
            <View className='act-code'>
              <Image className='act-code__img' src={shown.imageUrl} />
              <View className='act-code__text act-code-text'>{shown.code}</View>
              <View className='note'>
                {shown.kind === 'svg' ? '本地演示：志愿者在活动页输入这个签到码' : '请志愿者用微信扫码签到'}（当天有效）
              </View>
            </View>
          ) : null}
          <View className='stack'>
            <Btn
              type='primary'
              block
              className='act-show-code'
              loading={busy}
              onClick={() => void run(async () => setShown(await call.call('activities.checkinCode', { activityId: id })))}
            >
              出示签到码
            </Btn>
            <Btn
              block
              className='act-export'
              onClick={() =>
                void run(async () => {
                  const r = await call.call('activities.export', { activityId: id });
                  await openSpreadsheet(r.url);
                })
              }
            >
              导出报名名单（Excel）
            </Btn>
            {d.canCancelActivity ? (
              <Btn
                type='danger'
                block
                className='act-cancel-activity'
                onClick={() => {
                  setCancelReason('');
                  setCancelling(true);
                }}
              >
                取消活动
              </Btn>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className='card'>
        {isWeapp ? (
          <Button openType='share' className='btn btn--ghost btn--block act-share'>
            分享到群
          </Button>
        ) : (
          <Btn type='ghost' block className='act-share' onClick={() => toast('请在微信中打开，点此分享到楼栋群')}>
            分享到群
          </Btn>
        )}
      </View>

      <Sheet open={cancelling} title='取消活动' onClose={() => setCancelling(false)}>
        <View className='note'>已报名和候补的 {d.confirmed + d.waiting} 位邻居会收到取消通知（已同意接收消息的）。</View>
        <View className='field'>
          <View className='field__label'>取消原因（大家都能看到）</View>
          <Input
            className='field__input act-cancel-reason'
            value={cancelReason}
            maxlength={100}
            placeholder='例如：明天大雨，改期另行通知'
            onInput={(e) => setCancelReason(e.detail.value)}
          />
        </View>
        <View className='actions'>
          <Btn onClick={() => setCancelling(false)}>不取消</Btn>
          <Btn
            type='danger'
            loading={busy}
            className='act-cancel-activity-confirm'
            onClick={() =>
              void run(async () => {
                const r = await call.call('activities.cancelActivity', { activityId: id, reason: cancelReason });
                setCancelling(false);
                return r;
              }, '活动已取消')
            }
          >
            确认取消活动
          </Btn>
        </View>
      </Sheet>

      <Sheet open={!!fix} title={`更正时长：${fix?.name ?? ''}`} onClose={() => setFix(null)}>
        <View className='field'>
          <View className='field__label'>时长（分钟）</View>
          <Input className='field__input act-fix-min' type='number' value={fixMin} onInput={(e) => setFixMin(e.detail.value)} />
        </View>
        <View className='field'>
          <View className='field__label'>更正原因（会记录在案）</View>
          <Input
            className='field__input act-fix-reason'
            value={fixReason}
            maxlength={100}
            placeholder='例如：提前离开'
            onInput={(e) => setFixReason(e.detail.value)}
          />
        </View>
        <View className='actions'>
          <Btn onClick={() => setFix(null)}>取消</Btn>
          <Btn
            type='primary'
            loading={busy}
            className='act-fix-confirm'
            onClick={() =>
              void run(async () => {
                const r = await call.call('activities.correctHours', {
                  activityId: id,
                  personId: fix!.personId,
                  minutes: Number(fixMin),
                  reason: fixReason,
                });
                setFix(null);
                return r;
              }, '已更正')
            }
          >
            确认更正
          </Btn>
        </View>
      </Sheet>
    </PageShell>
  );
}
