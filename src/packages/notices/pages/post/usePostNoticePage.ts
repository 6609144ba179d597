/**
 * The post form's state: where I may post (compounds.list and my roles) or the
 * notice being corrected (notices.open, prefilling the form), the fields, images,
 * audience and correction note, and the submit (one call, retried under the same
 * request id; a refusal keeps the form as it was).
 */
import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { NoticeDetail } from '@core/notices/contract';
import { NOTICE_LIMITS } from '@core/notices/limits';
import type { NoticeCategory } from '@core/notices/rules';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { pickAndUploadImages, type PickedImage } from '@/services/notices';
import { api, toServiceError } from '@/services/cloud';
import { meOrLoad } from '@/store/me';
import { ROUTES } from '@/routes';
import {
  audienceGroups,
  audienceOf,
  defaultSelection,
  todayShanghai,
  validatePost,
  type AudienceGroup,
  type PostErrors,
} from '../../logic';

type Loaded = { mode: 'post'; groups: AudienceGroup[] } | { mode: 'correct'; notice: NoticeDetail };

export function usePostNoticePage() {
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

  return {
    source,
    loaded,
    today,
    errors,
    audience: { selected, setSelected },
    content: { title, setTitle, body, setBody, category, setCategory, pinned, setPinned, expiresOn, setExpiresOn },
    images: { list: images, setImages, uploading, add: addImages },
    correction: { note, setNote, mustReread, setMustReread },
    submitError,
    submitting,
    submit,
  };
}

export type PostNoticePage = ReturnType<typeof usePostNoticePage>;
