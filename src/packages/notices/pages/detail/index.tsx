/**
 * One notice. Opening it (notices.open, the page's one call) records the read for
 * me and my home, once. Subscribe messages link here, so the path is fixed. When
 * opened from a share card in a WeChat group (weapp), the same call carries the
 * group's CloudID so the lead sees how many opened it from the building group.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { noticePage } from '@core/notices/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import ReadAloud from '@/packages/notices/components/ReadAloud';
import { enableGroupShare, groupInfoFromEnter, subscribeNotices, type SubscribeOutcome } from '@/services/notices';
import { api, toServiceError } from '@/services/cloud';
import { cachedMe, loadMe } from '@/store/me';
import { formatDateTime } from '@/utils/format';
import { charCount } from '@/utils/text';
import { ROUTES } from '@/routes';
import { linkUrl } from '@/features/links';
import '@/packages/notices/common.scss';
import './index.scss';
import { confirmAction } from '@/store/confirm';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function NoticeDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const notice = useRemote(async () => {
    const open = api('notices');
    const groupInfo = await groupInfoFromEnter(id);
    if (!groupInfo) return open.call('notices.open', { noticeId: id });
    try {
      return await open.call('notices.open', { noticeId: id, groupInfo });
    } catch (e) {
      // The group count is statistics: never let a refused CloudID keep someone from reading.
      if (toServiceError(e).code === 'BAD_REQUEST') return open.call('notices.open', { noticeId: id });
      throw e;
    }
  }, [id]);
  const [sub, setSub] = useState<SubscribeOutcome | null>(null);
  const [subBusy, setSubBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened cold from a share card or a message: who I am decides what a NOT_FOUND means to me.
  const notFound = notice.error?.code === 'NOT_FOUND';
  const meNow = useRemote(async () => cachedMe() ?? (await loadMe()), [notFound], { skip: !notFound });

  useEffect(() => enableGroupShare(), []);
  useShareAppMessage(() => ({
    title: notice.data ? `【${notice.data.category}】${notice.data.title}` : '小区通知',
    path: '/' + noticePage(id),
  }));

  const n = notice.data;
  const selfUrl = `${ROUTES.noticeDetail}?id=${encodeURIComponent(id)}`;

  async function subscribe() {
    setSubBusy(true);
    try {
      const r = await subscribeNotices();
      setSub(r);
      void Taro.showToast({ title: r.accepted ? '已订阅' : '未订阅', icon: r.accepted ? 'success' : 'none' });
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setSubBusy(false);
    }
  }

  async function confirmWithdraw() {
    const why = reason.trim();
    if (!why) return setReasonError('请填写撤回原因');
    if (charCount(why) > NOTICE_LIMITS.reason) return setReasonError(`原因不超过${NOTICE_LIMITS.reason}个字`);
    const ok = await confirmAction({
      title: '确认撤回这条通知？',
      content: '撤回后不能恢复，住户会看到撤回原因。',
      confirmText: '撤回',
      cancelText: '再想想',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const updated = await api('notices').call('notices.withdraw', { noticeId: id, reason: why });
      notice.setData(updated);
      setWithdrawing(false);
      void Taro.showToast({ title: '已撤回', icon: 'success' });
    } catch (e) {
      setReasonError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (!n) {
    if (notice.loading || !notice.error) {
      return (
        <PageShell className='notice-detail'>
          <Loading />
        </PageShell>
      );
    }
    const code = notice.error.code;
    if (code === 'NOT_FOUND' && meNow.loading && !meNow.data) {
      return (
        <PageShell className='notice-detail'>
          <Loading />
        </PageShell>
      );
    }
    const me = meNow.data;
    // Only someone with no home at all (and no role) is offered 去绑定房屋: a notice may well be theirs once bound.
    const needsHome = code === 'NOT_REGISTERED' || (code === 'NOT_FOUND' && !!me && me.homes.length === 0 && me.roles.length === 0);
    // The server answers NOT_FOUND alike for "not for your building", withdrawn-and-expired and
    // "never existed", on purpose (no existence oracle): the page says so, the same as in the app.
    const homes = me?.homes.map((h) => `${h.compoundName} ${h.label}`) ?? [];
    return (
      <PageShell className='notice-detail'>
        {needsHome ? (
          <View className='card notice-detail__bind'>
            <View className='card__title'>绑定房屋后查看本楼通知</View>
            <View className='card__sub'>这条通知只发给小区的住户。绑定您的房屋后，就能看到本楼和全小区的通知。</View>
            <View className='actions'>
              <Btn
                type='primary'
                block
                className='notice-bind-btn'
                onClick={() => Taro.navigateTo({ url: `${ROUTES.bind}?back=${encodeURIComponent(selfUrl)}` })}
              >
                去绑定房屋
              </Btn>
            </View>
          </View>
        ) : code === 'NOT_FOUND' ? (
          <View className='card notice-detail__notfound'>
            <View className='card__title'>这条通知不存在，或不是发给您的</View>
            <View className='card__sub notice-detail__notfound-text'>
              {homes.length
                ? `通知只发给所选的楼栋或小区。您绑定的房屋是${homes.join('、')}，这条通知可能不是发给您所在楼栋的，也可能已被撤回、已过期或不存在。`
                : '这条通知不是发给您的，也可能已被撤回、已过期或不存在。'}
            </View>
            <View className='note'>发给您的通知都在“通知”页里。</View>
          </View>
        ) : (
          <StateView {...notice.state} />
        )}
        <View className='actions'>
          <Btn block onClick={() => Taro.switchTab({ url: ROUTES.notices })}>
            查看全部通知
          </Btn>
        </View>
      </PageShell>
    );
  }

  const urls = n.images.map((i) => i.url).filter(Boolean);
  const live = n.status === 'published' && !n.expired;
  // What the caller may do now is the view's (the life cycle is core's, applied by the function).
  const { canCorrect, canWithdraw, canTrack } = n;

  return (
    <PageShell className='notice-detail'>
      {n.correctedById ? (
        <View
          className='banner banner--warn notice-detail__corrected'
          onClick={() => Taro.redirectTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.correctedById!)}` })}
        >
          <View className='notice-detail__banner-title'>已更正</View>
          这条通知已有更正后的新版本，请以新版本为准。
          <View className='notice-detail__banner-link'>查看新版本 ›</View>
        </View>
      ) : null}
      {n.withdrawal ? (
        <View className='banner banner--warn notice-detail__withdrawn'>
          <View className='notice-detail__banner-title'>已撤回</View>
          {n.withdrawal.byName} 于 {formatDateTime(n.withdrawal.at)} 撤回了这条通知。
          <View>原因：{n.withdrawal.reason}</View>
        </View>
      ) : null}
      {n.status === 'reviewing' ? (
        <View className='banner banner--info notice-detail__reviewing'>
          <View className='notice-detail__banner-title'>审核中</View>
          图片正在进行安全检测，通过后住户才能看到这条通知。
        </View>
      ) : null}
      {n.status === 'rejected' ? (
        <View className='form-error notice-detail__rejected'>未通过审核：{n.rejectReason ?? '内容未通过安全检测'}</View>
      ) : null}

      <View className={`card notice-detail__card${n.emergency ? ' notice-detail__card--urgent' : ''}`}>
        <View className='notice-detail__tags'>
          <View className={`tag${n.emergency ? ' tag--urgent' : ''}`}>{n.category}</View>
          {n.pinned ? <View className='tag tag--blue'>置顶</View> : null}
          {n.version > 1 ? <View className='tag tag--grey'>更正版（第{n.version}版）</View> : null}
          {n.mustReread ? <View className='tag tag--urgent notice-detail__reread'>内容有重要更正，请重新阅读</View> : null}
          {n.status !== 'published' ? <View className='tag tag--grey'>{n.statusLabel}</View> : null}
          {n.expired ? <View className='tag tag--grey'>已过期</View> : null}
        </View>
        <View className='notice-detail__title'>{n.title}</View>
        <View className='notice-detail__author'>
          {n.author.name} · {n.author.roleLabel}
          {n.author.partyBadge ? <View className='party-badge'>党员</View> : null}
        </View>
        <View className='muted'>发布时间：{formatDateTime(n.publishedAt ?? n.createdAt)}</View>
        <View className='muted'>发送范围：{n.targetsLabel}</View>
        {n.expiresOn ? <View className='muted'>有效期至：{n.expiresOn}</View> : null}
        {n.correctionNote ? <View className='notice-detail__note'>更正说明：{n.correctionNote}</View> : null}
        {n.body ? <View className='notice-detail__body'>{n.body}</View> : null}
        {urls.length > 0 ? (
          <View className='notice-detail__images'>
            {urls.map((u) => (
              <Image
                key={u}
                src={u}
                mode='aspectFill'
                className='notice-detail__image'
                onClick={() => Taro.previewImage({ urls, current: u })}
              />
            ))}
          </View>
        ) : null}
        {n.link && n.status !== 'withdrawn' ? (
          <Btn type='primary' block className='notice-detail__link' onClick={() => Taro.navigateTo({ url: linkUrl(n.link!) })}>
            {n.link.label}
          </Btn>
        ) : null}
        {n.ledgerWitness?.length && n.status !== 'withdrawn' ? (
          <View className='muted notice-detail__witness'>
            {n.ledgerWitness.map((w) => (
              <View key={w.compoundId}>
                小区账本 {w.day}：到第 {w.seq} 笔，校验码 <Text className='notice-detail__witness-code'>{w.code}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {n.previousId ? (
          <View
            className='notice-detail__prev'
            onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(n.previousId!)}` })}
          >
            查看更正前的版本 ›
          </View>
        ) : null}
      </View>

      {n.body ? <ReadAloud title={n.title} body={n.body} authorName={n.author.name} authorRole={n.author.roleLabel} /> : null}

      {canTrack || canCorrect || canWithdraw ? (
        <View className='card notice-detail__manage'>
          <View className='card__title'>跟进这条通知</View>
          <View className='stack'>
            {canTrack ? (
              <Btn
                type='primary'
                block
                className='notice-track-btn'
                onClick={() => Taro.navigateTo({ url: `${ROUTES.noticeTrack}?id=${encodeURIComponent(n.id)}` })}
              >
                查看阅读情况
              </Btn>
            ) : null}
            {canCorrect || canWithdraw ? (
              <View className='actions'>
                {canCorrect ? (
                  <Btn
                    className='notice-correct-btn'
                    onClick={() => Taro.navigateTo({ url: `${ROUTES.noticePost}?correct=${encodeURIComponent(n.id)}` })}
                  >
                    更正
                  </Btn>
                ) : null}
                {canWithdraw ? (
                  <Btn
                    type='danger'
                    className='notice-withdraw-btn'
                    onClick={() => {
                      setReason('');
                      setReasonError(null);
                      setWithdrawing(true);
                    }}
                  >
                    撤回
                  </Btn>
                ) : null}
              </View>
            ) : null}
          </View>
        </View>
      ) : null}

      {live ? (
        <View className='card notice-detail__share'>
          {isWeapp ? (
            <Button openType='share' className='btn btn--ghost btn--block notice-share-btn'>
              分享到群
            </Button>
          ) : (
            <Btn
              type='ghost'
              block
              className='notice-share-btn'
              onClick={() => Taro.showToast({ title: '请在微信中打开，点此分享到楼栋群', icon: 'none' })}
            >
              分享到群
            </Btn>
          )}
          <View className='note notice-detail__share-note'>分享到楼栋群后，群里打开的人数会计入阅读情况。</View>
        </View>
      ) : null}

      {live ? (
        <View className='card notice-detail__subscribe'>
          <View className='card__title'>订阅通知提醒</View>
          <View className='note'>有新通知或楼栋长提醒时，微信会发消息告诉您。每点一次“订阅”可收到一条提醒。</View>
          {sub ? (
            <View className={`notice-subscribe__result${sub.accepted ? '' : ' notice-subscribe__result--no'}`}>
              {sub.accepted ? `已订阅，还可收到 ${sub.remaining} 条提醒` : `您没有同意订阅，还可收到 ${sub.remaining} 条提醒`}
              {sub.demo ? '（本地演示：未弹出微信授权）' : ''}
            </View>
          ) : null}
          <View className='actions'>
            <Btn block loading={subBusy} className='notice-subscribe-btn' onClick={subscribe}>
              {sub?.accepted ? '再订阅一条' : '订阅通知提醒'}
            </Btn>
          </View>
        </View>
      ) : null}

      <Sheet open={withdrawing} title='撤回通知' onClose={() => setWithdrawing(false)} className='withdraw-sheet'>
        <View className='field'>
          <View className='field__label'>撤回原因（住户会看到）</View>
          <Textarea
            className='field__textarea withdraw-reason'
            value={reason}
            placeholder='例如：时间有变，另行通知'
            maxlength={NOTICE_LIMITS.reason}
            onInput={(e) => {
              setReason(e.detail.value);
              setReasonError(null);
            }}
          />
          {reasonError ? <View className='field__error'>{reasonError}</View> : null}
        </View>
        <View className='actions'>
          <Btn onClick={() => setWithdrawing(false)}>取消</Btn>
          <Btn type='danger' loading={busy} className='withdraw-confirm' onClick={confirmWithdraw}>
            确认撤回
          </Btn>
        </View>
      </Sheet>
    </PageShell>
  );
}
