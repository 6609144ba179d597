/**
 * 发布通知, and 更正 (`?correct=<id>`) with the same form. Posting needs the places
 * the person may post to: compounds.list gives the names (the page's one call; the
 * roles come from the me store). Correcting keeps the original audience and
 * prefills from notices.open. A rejected text keeps the form as it was.
 */
import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Picker, Switch, Textarea, View } from '@tarojs/components';
import type { NoticeDetail } from '@core/notices/contract';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { NOTICE_CATEGORIES, canCorrect, type NoticeCategory } from '@core/notices/rules';
import PageShell from '@/components/PageShell';
import StateView, { EmptyView } from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { canUploadImages, pickAndUploadImages, type PickedImage } from '@/services/notices';
import { api, toServiceError } from '@/services/cloud';
import { meOrLoad } from '@/store/me';
import { charCount } from '@/utils/text';
import { ROUTES } from '@/routes';
import {
  audienceGroups,
  audienceLabel,
  audienceOf,
  defaultSelection,
  todayShanghai,
  toggleAudience,
  validatePost,
  type AudienceGroup,
  type PostErrors,
} from '@/packages/notices/logic';
import '@/packages/notices/common.scss';
import './index.scss';

type Loaded = { mode: 'post'; groups: AudienceGroup[] } | { mode: 'correct'; notice: NoticeDetail };

export default function PostNoticePage() {
  const correctId = decodeURIComponent(useRouter().params.correct ?? '');
  const source = useRemote<Loaded>(async () => {
    if (correctId) return { mode: 'correct', notice: await api('notices').call('notices.open', { noticeId: correctId }) };
    const [me, compounds] = await Promise.all([meOrLoad(), api('accounts').call('compounds.list', {})]);
    return { mode: 'post', groups: audienceGroups(me, compounds) };
  }, [correctId]);

  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<NoticeCategory>('通知');
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState('');
  const [images, setImages] = useState<PickedImage[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [mustReread, setMustReread] = useState(false);
  const [errors, setErrors] = useState<PostErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const today = useMemo(() => todayShanghai(), []);
  // One id per content: a retry after a timeout never posts twice; an edit is a new post.
  const requestId = useRequestId([
    correctId,
    title,
    body,
    category,
    pinned,
    expiresOn,
    images.map((i) => i.fileID),
    selected,
    note,
    mustReread,
  ]);

  const loaded = source.data;
  useEffect(() => {
    if (!loaded) return;
    if (loaded.mode === 'post') {
      setSelected(defaultSelection(loaded.groups));
      return;
    }
    const n = loaded.notice;
    setTitle(n.title);
    setBody(n.body);
    setCategory(n.category);
    setPinned(n.pinned);
    setExpiresOn(n.expiresOn && n.expiresOn >= today ? n.expiresOn : '');
    setImages(n.images.map((i) => ({ fileID: i.fileID, url: i.url })));
  }, [loaded, today]);

  if (!loaded || (loaded.mode === 'post' && loaded.groups.length === 0)) {
    return (
      <PageShell className='notice-post'>
        <StateView {...source.state} permission='notice.post' permissionAction='发布通知' denied={!!loaded} />
      </PageShell>
    );
  }
  if (loaded.mode === 'correct' && !(loaded.notice.canManage && canCorrect(loaded.notice.status))) {
    return (
      <PageShell className='notice-post'>
        <EmptyView title='这条通知不能更正' text='只有已发布的通知可以更正，且只有发布人或有权发布的人可以更正。' />
      </PageShell>
    );
  }

  async function addImages() {
    setUploading(true);
    try {
      const added = await pickAndUploadImages(NOTICE_LIMITS.images - images.length);
      setImages((prev) => [...prev, ...added].slice(0, NOTICE_LIMITS.images));
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  }

  async function submit() {
    if (!loaded) return;
    const audience = loaded.mode === 'post' ? audienceOf(selected) : null;
    const errs = validatePost({ title, body, expiresOn }, { audience: loaded.mode === 'correct' || !!audience, today });
    setErrors(errs);
    setSubmitError(null);
    if (Object.keys(errs).length) {
      void Taro.showToast({ title: Object.values(errs)[0]!, icon: 'none' });
      return;
    }
    const content = {
      title: title.trim(),
      body: body.trim(),
      category,
      pinned,
      images: images.map((i) => i.fileID),
      ...(expiresOn ? { expiresOn } : {}),
    };
    setSubmitting(true);
    try {
      const saved =
        loaded.mode === 'post'
          ? await api('notices').call('notices.post', { clientRequestId: requestId.id, audience: audience!, ...content })
          : await api('notices').call('notices.correct', {
              clientRequestId: requestId.id,
              noticeId: loaded.notice.id,
              ...content,
              ...(note.trim() ? { note: note.trim() } : {}),
              mustReread,
            });
      requestId.renew();
      void Taro.showToast({
        title: saved.status === 'reviewing' ? '已提交，审核中' : loaded.mode === 'post' ? '已发布' : '已更正',
        icon: 'success',
      });
      Taro.redirectTo({ url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(saved.id)}` });
    } catch (e) {
      // CONTENT_REJECTED and every other refusal: the message in place, the form untouched.
      setSubmitError(toServiceError(e).message);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <PageShell className='notice-post'>
      {loaded.mode === 'correct' ? (
        <View className='banner banner--info post-correcting'>
          更正“{loaded.notice.title}”：发布后原通知显示“已更正”，并指向新版本。发送范围不变：{loaded.notice.targetsLabel}
        </View>
      ) : (
        <View className='card post-audience-card'>
          <View className='card__title'>发给谁</View>
          {loaded.groups.map((g) => (
            <View key={g.compoundId} className='post-audience-group'>
              {loaded.groups.length > 1 || g.options.some((o) => o.kind === 'compound') ? (
                <View className='section-title post-audience-group__name'>{g.compoundName}</View>
              ) : null}
              {g.options.map((o) => {
                const on = selected.includes(o.key);
                return (
                  <View
                    key={o.key}
                    className={`post-audience${on ? ' post-audience--on' : ''}`}
                    hoverClass='post-audience--hover'
                    onClick={() => setSelected((s) => toggleAudience(s, o.key))}
                  >
                    <View className='post-audience__check'>{on ? '✓' : ''}</View>
                    <View className='post-audience__label'>{o.label}</View>
                    {o.hint ? <View className='post-audience__hint'>{o.hint}</View> : null}
                  </View>
                );
              })}
            </View>
          ))}
          {selected.length ? <View className='muted post-audience-summary'>将发给：{audienceLabel(loaded.groups, selected)}</View> : null}
          {errors.audience ? <View className='field__error'>{errors.audience}</View> : null}
        </View>
      )}

      <View className='card'>
        <View className='field'>
          <View className='field__label post-label'>
            标题
            <View className={`post-count${charCount(title) > NOTICE_LIMITS.title ? ' post-count--over' : ''}`}>
              {charCount(title)}/{NOTICE_LIMITS.title}
            </View>
          </View>
          <Input
            className='field__input post-title'
            value={title}
            placeholder='例如：3栋明日上午停水'
            maxlength={NOTICE_LIMITS.title}
            onInput={(e) => setTitle(e.detail.value)}
          />
          {errors.title ? <View className='field__error'>{errors.title}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label post-label'>
            正文
            <View className={`post-count${charCount(body) > NOTICE_LIMITS.body ? ' post-count--over' : ''}`}>
              {charCount(body)}/{NOTICE_LIMITS.body}
            </View>
          </View>
          <Textarea
            className='field__textarea post-body'
            value={body}
            placeholder='写清楚时间、地点、要做什么，方便老人看懂'
            maxlength={NOTICE_LIMITS.body}
            onInput={(e) => setBody(e.detail.value)}
          />
          {errors.body ? <View className='field__error'>{errors.body}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label'>类别</View>
          <Choice
            className='post-categories'
            columns={3}
            options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
            value={category}
            onChange={(c) => setCategory(c)}
          />
          {category === '紧急' ? <View className='note post-urgent-note'>紧急通知会醒目显示，并立即提醒所有订阅了提醒的住户。</View> : null}
        </View>
        <View className='post-row' onClick={() => setPinned(!pinned)}>
          <View className='post-row__main'>
            <View className='post-row__title'>置顶</View>
            <View className='muted'>置顶的通知排在最前面</View>
          </View>
          <View onClick={(e) => e.stopPropagation()}>
            <Switch className='post-pinned' checked={pinned} color='#c83a2a' onChange={(e) => setPinned(e.detail.value)} />
          </View>
        </View>
        <View className='post-row'>
          <View className='post-row__main'>
            <View className='post-row__title'>截止日期</View>
            <View className='muted'>过了这一天不再显示；不填则一直显示</View>
          </View>
          <Picker mode='date' value={expiresOn || today} start={today} onChange={(e) => setExpiresOn(String(e.detail.value))}>
            <View className={`post-date${expiresOn ? '' : ' post-date--empty'}`}>{expiresOn || '选择日期'}</View>
          </Picker>
          {expiresOn ? (
            <View className='post-date__clear' onClick={() => setExpiresOn('')}>
              清除
            </View>
          ) : null}
        </View>
        {errors.expiresOn ? <View className='field__error'>{errors.expiresOn}</View> : null}
      </View>

      <View className='card post-images-card'>
        <View className='field__label post-label'>
          图片
          <View className='post-count'>
            {images.length}/{NOTICE_LIMITS.images}
          </View>
        </View>
        {images.length > 0 || canUploadImages ? (
          <View className='post-images'>
            {images.map((img, i) => (
              <View key={img.fileID} className='post-image'>
                <Image className='post-image__img' src={img.url} mode='aspectFill' />
                <View className='post-image__remove' onClick={() => setImages((prev) => prev.filter((_, j) => j !== i))}>
                  ×
                </View>
              </View>
            ))}
            {canUploadImages && images.length < NOTICE_LIMITS.images ? (
              <View className='post-image post-image--add' onClick={uploading ? undefined : addImages}>
                {uploading ? '上传中…' : '＋'}
              </View>
            ) : null}
          </View>
        ) : null}
        {canUploadImages ? (
          <View className='note'>有图片的通知要等图片审核通过后才发布。</View>
        ) : (
          <View className='note post-images-note'>图片上传仅在微信中可用</View>
        )}
      </View>

      {loaded.mode === 'correct' ? (
        <View className='card'>
          <View className='field'>
            <View className='field__label'>
              更正说明<View className='field__optional'>选填，住户会看到</View>
            </View>
            <Textarea
              className='field__textarea post-note'
              value={note}
              placeholder='例如：停水时间改为下午2点'
              maxlength={NOTICE_LIMITS.reason}
              onInput={(e) => setNote(e.detail.value)}
            />
          </View>
          <View className='post-row post-mustread' onClick={() => setMustReread(!mustReread)}>
            <View className='post-row__main'>
              <View className='post-row__title'>需要大家重新阅读</View>
              <View className='muted'>
                {mustReread
                  ? '已读和已当面告知将从零开始统计，请重新提醒各户'
                  : '不勾选：已读过或已当面告知的住户仍算已知晓（适合改错字等小更正）'}
              </View>
            </View>
            <View onClick={(e) => e.stopPropagation()}>
              <Switch
                className='post-mustread-switch'
                checked={mustReread}
                color='#c83a2a'
                onChange={(e) => setMustReread(e.detail.value)}
              />
            </View>
          </View>
        </View>
      ) : null}

      {submitError ? <View className='form-error post-error'>{submitError}</View> : null}
      <Btn type='primary' block loading={submitting} disabled={uploading} className='post-submit' onClick={submit}>
        {loaded.mode === 'correct' ? '发布更正' : '发布通知'}
      </Btn>
    </PageShell>
  );
}
