/**
 * The state of one concern's page: the concern (one read, refreshed on show), the open
 * sheet and its fields, the concerns to merge into (read when that sheet opens), and
 * the actions. Each action posts one call and shows the concern the function answers;
 * the flags come from the view and the functions check every call.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { ConcernDetail, ConcernListItem } from '@core/concerns/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { useSheetRun } from '../../useSheetRun';

export type ConcernForm = 'answer' | 'repair' | 'topic' | 'vote' | 'unsatisfied' | 'merge' | 'propose' | null;

export function useConcernDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const concern = useRemote<ConcernDetail>(() => api('concerns').call('concerns.get', { concernId: id }), [id], { refreshOnShow: true });
  const [form, setForm] = useState<ConcernForm>(null);
  const [textValue, setText] = useState('');
  const [title, setTitle] = useState('');
  const [voteId, setVoteId] = useState('');
  const { busy, error, setError, run } = useSheetRun(() => setForm(null));
  const [mergeList, setMergeList] = useState<ConcernListItem[] | null>(null);
  const rid = useRequestId([form, title]);
  const c = concern.data;
  const call = api('concerns');
  const apply = (d: ConcernDetail) => concern.setData(d);

  function open(f: ConcernForm) {
    setForm(f);
    setText('');
    setTitle(f === 'topic' || f === 'propose' ? `${c!.category}：${c!.excerpt}`.slice(0, CONCERN_LIMITS.title) : '');
    setError(null);
    if (f === 'merge' && !mergeList) {
      call
        .call('concerns.queue', { compoundId: c!.compoundId, filter: 'all', size: 50 })
        .then((p) => setMergeList(p.items.filter((x) => x.id !== c!.id && (x.status === 'open' || x.status === 'answered'))))
        .catch((e) => setError(toServiceError(e).message));
    }
  }
  async function submit() {
    if (!c) return;
    const t = textValue.trim();
    if (form === 'answer') {
      if (!t) return setError('请填写答复');
      return run(() => call.call('concerns.answer', { concernId: c.id, answer: t }), '已答复', apply);
    }
    if (form === 'vote') {
      if (!t) return setError('请说明为什么需要业主表决');
      const to = { kind: 'vote' as const, reason: t, ...(voteId ? { voteId } : {}) };
      return run(() => call.call('concerns.convert', { concernId: c.id, to }), '已转业主表决', apply);
    }
    if (form === 'topic' || form === 'propose') {
      if (!title.trim()) return setError('请填写议题');
      return run(
        () =>
          call.call('concerns.convert', {
            concernId: c.id,
            to: { kind: 'topic', clientRequestId: rid.id, title: title.trim(), collectDays: 7 },
          }),
        '已提交议事厅',
        apply,
      );
    }
    if (form === 'repair') {
      // Reported as a common-area repair of the compound (the handler lives there), then linked.
      return run(
        async () => {
          const repair = await api('repairs').call('repairs.report', {
            clientRequestId: rid.id,
            where: {
              kind: 'common',
              compoundId: c.compoundId,
              area: 'building',
              place: c.placeLabel.split(' ').slice(1).join(' ') || undefined,
            },
            category: '其他',
            description: `${c.category}：${c.description}`.slice(0, 500),
          });
          return call.call('concerns.convert', { concernId: c.id, to: { kind: 'repair', repairId: repair.id }, ...(t ? { note: t } : {}) });
        },
        '已转报修',
        apply,
      );
    }
    if (form === 'unsatisfied') {
      if (!t) return setError('请说明哪里不满意');
      return run(() => call.call('concerns.rate', { concernId: c.id, verdict: 'unsatisfied', reason: t }), '已重新提交', apply);
    }
  }

  return {
    concern,
    form,
    setForm,
    textValue,
    setText,
    title,
    setTitle,
    voteId,
    setVoteId,
    busy,
    error,
    mergeList,
    open,
    submit,
    rateSatisfied: () => void run(() => call.call('concerns.rate', { concernId: c!.id, verdict: 'satisfied' }), '谢谢您的评价', apply),
    follow: () =>
      void run(
        () => call.call('concerns.follow', { concernId: c!.id }),
        '已记录',
        (v) => concern.setData({ ...c!, followers: v.followers, following: true, canFollow: false }),
      ),
    merge: (into: string) => void run(() => call.call('concerns.merge', { concernId: c!.id, intoId: into }), '已合并', apply),
  };
}

export type ConcernDetailState = ReturnType<typeof useConcernDetailPage>;
