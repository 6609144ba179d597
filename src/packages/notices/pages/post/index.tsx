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
import { NOTICE_CATEGORIES, NOTICE_LIMITS, type NoticeCategory } from '@core/notices/rules';
import PageShell from '../../../../components/PageShell';
import Loading from '../../../../components/Loading';
import ErrorView from '../../../../components/ErrorView';
import Empty from '../../../../components/Empty';
import Btn from '../../../../components/Btn';
import Choice from '../../../../components/Choice';
import { useRemote } from '../../../../hooks/useRemote';
import { accounts } from '../../../../services/accounts';
import { canUploadImages, notices, pickAndUploadImages, type PickedImage } from '../../../../services/notices';
import { toServiceError } from '../../../../services/cloud';
import { meOrLoad } from '../../../../store/me';
import { ROUTES } from '../../../../routes';
import {
  audienceGroups, audienceLabel, audienceOf, defaultSelection, todayShanghai, toggleAudience, validatePost,
  type AudienceGroup, type PostErrors,
} from '../../logic';
import '../../common.scss';
import './index.scss';

type Loaded = { mode: 'post'; groups: AudienceGroup[] } | { mode: 'correct'; notice: NoticeDetail };

export default function PostNoticePage() {
  const correctId = decodeURIComponent(useRouter().params.correct ?? '');
  const source = useRemote<Loaded>(async () => {
    if (correctId) return { mode: 'correct', notice: await notices.open(correctId) };
    const [me, compounds] = await Promise.all([meOrLoad(), accounts.compounds()]);
    return { mode: 'post', groups: audienceGroups(me, compounds) };
  });

  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<NoticeCategory>('通知');
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState('');
  const [images, setImages] = useState<PickedImage[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<PostErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const today = useMemo(() => todayShanghai(), []);

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

  if (!loaded) {
    return (
      <PageShell className='notice-post'>
        {source.error ? <ErrorView error={source.error} onRetry={source.reload} /> : <Loading />}
      </PageShell>
    );
  }
  if (loaded.mode === 'post' && loaded.groups.length === 0) {
    return (
      <PageShell className='notice-post'>
        <Empty title='您还不能发布通知' text='楼栋长、小区党支部、业委会、物业和社区工作人员可以发布通知。' />
      </PageShell>
    );
  }
  if (loaded.mode === 'correct' && !(loaded.notice.canManage && loaded.notice.status === 'published')) {
    return (
      <PageShell className='notice-post'>
        <Empty title='这条通知不能更正' text='只有已发布的通知可以更正，且只有发布人或有权发布的人可以更正。' />
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
          ? await notices.post({ audience: audience!, ...content })
          : await notices.correct({ noticeId: loaded.notice.id, ...content, ...(note.trim() ? { note: note.trim() } : {}) });
      void Taro.showToast({ title: saved.status === 'reviewing' ? '已提交，审核中' : loaded.mode === 'post' ? '已发布' : '已更正', icon: 'success' });
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
              {loaded.groups.length > 1 || g.options.some((o) => o.kind === 'compound') ? <View className='section-title post-audience-group__name'>{g.compoundName}</View> : null}
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
            <View className={`post-count${title.trim().length > NOTICE_LIMITS.title ? ' post-count--over' : ''}`}>
              {title.trim().length}/{NOTICE_LIMITS.title}
            </View>
          </View>
          <Input className='field__input post-title' value={title} placeholder='例如：3栋明日上午停水' maxlength={NOTICE_LIMITS.title} onInput={(e) => setTitle(e.detail.value)} />
          {errors.title ? <View className='field__error'>{errors.title}</View> : null}
        </View>
        <View className='field'>
          <View className='field__label post-label'>
            正文
            <View className={`post-count${body.trim().length > NOTICE_LIMITS.body ? ' post-count--over' : ''}`}>
              {body.trim().length}/{NOTICE_LIMITS.body}
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
        </View>
      ) : null}

      {submitError ? <View className='form-error post-error'>{submitError}</View> : null}
      <Btn type='primary' block loading={submitting} disabled={uploading} className='post-submit' onClick={submit}>
        {loaded.mode === 'correct' ? '发布更正' : '发布通知'}
      </Btn>
    </PageShell>
  );
}
