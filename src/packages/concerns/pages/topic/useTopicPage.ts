/**
 * The state of one 议事厅 topic page: the topic (one read, refreshed on show), the
 * reader's homes, the open sheet and its form, and the actions. Each action posts one
 * call and shows the topic the function answers; the functions check everything.
 */
import { useState } from 'react';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { shanghaiInstant } from '@core/platform/period';
import type { AdvanceInput, ConcernPlaces, TopicDetail } from '@core/concerns/contract';
import type { LedgerEntryView } from '@core/fees/contract';
import { topicPage, type Stance, type TopicStage } from '@core/concerns/rules';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import type { UploadedFile } from '@/services/upload';
import { thisMonth } from '../../logic';
import { useSheetRun } from '../../useSheetRun';

export type TopicSheet = 'comment' | 'object' | 'step' | 'task' | 'expense';

export const STEP_TITLES: Record<TopicStage, string> = {
  collect: '',
  brief: '公布材料并约定议事会',
  consult: '记录议事会和协商意见',
  publicize: '公示结果',
  implement: '开始实施',
  feedback: '反馈实施情况',
  closed: '结束议题',
};

export function useTopicPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const topic = useRemote<TopicDetail>(() => api('concerns').call('topics.get', { topicId: id }), [id], { refreshOnShow: true });
  const places = useRemote<ConcernPlaces>(() => api('concerns').call('concerns.places', {}), []);
  const [sheet, setSheet] = useState<TopicSheet | null>(null);
  const [stance, setStance] = useState<Stance | ''>('');
  const [words, setWords] = useState('');
  const [f, setF] = useState<Record<string, string>>({});
  const [art278, setArt278] = useState(false);
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [taskId, setTaskId] = useState('');
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const sheetRun = useSheetRun(() => setSheet(null));
  const { error, setError, busy } = sheetRun;
  const rid = useRequestId([sheet, f.title, f.owner, f.dueOn]);
  useShareAppMessage(() => ({ title: topic.data?.shareTitle ?? '小区议事厅', path: '/' + topicPage(id) }));

  const t = topic.data;
  const home = t ? places.data?.homes.find((h) => h.compoundId === t.compoundId) : undefined;
  const call = api('concerns');
  const set = (k: string) => (e: { detail: { value: string } }) => setF((x) => ({ ...x, [k]: e.detail.value }));

  function open(s: TopicSheet | null) {
    setSheet(s);
    setError(null);
    if (s === 'comment') {
      setStance(t!.myComment && t!.myComment.stance !== 'objection' ? t!.myComment.stance : '');
      setWords(t!.myComment && t!.myComment.stance !== 'objection' ? t!.myComment.text : '');
    }
    if (s === 'object') setWords('');
    if (s === 'step') {
      setF({ objectionDays: '5', place: '', meetingAt: '', materialTitle: '' });
      setArt278(false);
      setPhotos([]);
    }
    if (s === 'task') setF({ title: '', owner: '', dueOn: '' });
  }
  const run = (what: () => Promise<TopicDetail>, done: string) => sheetRun.run(what, done, topic.setData);
  async function openExpense(forTask: string) {
    setTaskId(forTask);
    open('expense');
    try {
      const list = await api('fees').call('ledger.entries', { compoundId: t!.compoundId, period: thisMonth() });
      setEntries(list.filter((e) => e.kind === 'expense' && !e.reverses));
    } catch (e) {
      setError(toServiceError(e).message);
      setEntries([]);
    }
  }
  const advance = (step: AdvanceInput, done: string) => run(() => call.call('topics.advance', { topicId: t!.id, step }), done);
  function step() {
    const to = t!.nextStage!;
    if (to === 'brief') {
      if (!f.materialTitle?.trim()) return setError('请填写材料名称');
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(f.meetingAt ?? '')) return setError('议事会时间格式：2026-12-10 19:00');
      if (!f.place?.trim()) return setError('请填写议事会地点');
      const at = shanghaiInstant(f.meetingAt.slice(0, 10), f.meetingAt.slice(11)).toISOString();
      return advance(
        {
          to,
          materials: [{ title: f.materialTitle.trim(), photos: photos.map((p) => p.fileID) }],
          meetingAt: at,
          place: f.place.trim(),
        },
        '已通报',
      );
    }
    if (to === 'consult') {
      if (!f.participants?.trim() || !f.minutes?.trim() || !f.opinion?.trim()) return setError('请填写参会人员、会议记录和协商意见');
      if (art278 && !f.reason?.trim()) return setError('请说明为什么须业主表决');
      return advance(
        {
          to,
          participants: f.participants.trim(),
          minutes: f.minutes.trim(),
          opinion: f.opinion.trim(),
          art278,
          ...(art278 ? { art278Reason: f.reason.trim() } : {}),
        },
        '已记录',
      );
    }
    if (to === 'publicize') return advance({ to, objectionDays: Number(f.objectionDays) || 5 }, '已公示');
    if (to === 'feedback') {
      if (!f.report?.trim()) return setError('请填写反馈情况');
      return advance({ to, report: f.report.trim() }, '已反馈');
    }
    return advance({ to } as { to: 'implement' }, '已更新');
  }
  /** 提交 of the open sheet (all but 关联支出, which submits on the pick). */
  function submit() {
    if (sheet === 'comment') {
      if (!stance) return setError('请选择赞成、反对或建议');
      if (!words.trim()) return setError('请写下您的意见');
      return void run(() => call.call('topics.comment', { topicId: t!.id, homeId: home!.homeId, stance, text: words.trim() }), '已发表');
    }
    if (sheet === 'object') {
      if (!words.trim()) return setError('请写下异议');
      return void run(() => call.call('topics.object', { topicId: t!.id, homeId: home!.homeId, text: words.trim() }), '已提交');
    }
    if (sheet === 'task') {
      if (!f.title?.trim() || !f.owner?.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(f.dueOn ?? ''))
        return setError('请填写任务、负责人和完成期限（2026-12-31）');
      return void run(
        () =>
          call.call('topics.addTask', {
            topicId: t!.id,
            clientRequestId: rid.id,
            title: f.title.trim(),
            owner: f.owner.trim(),
            dueOn: f.dueOn,
          }),
        '已添加',
      );
    }
    step();
  }
  function linkExpense(entryId: string) {
    void run(
      () =>
        call.call('topics.linkTask', {
          topicId: t!.id,
          taskId,
          link: { kind: 'expense', id: entryId, period: entries!.find((e) => e.id === entryId)!.period },
        }),
      '已关联',
    );
  }
  function rate(verdict: 'satisfied' | 'unsatisfied') {
    void run(() => call.call('topics.rate', { topicId: t!.id, homeId: home!.homeId, verdict }), '谢谢');
  }

  return {
    topic,
    home,
    sheet,
    setSheet,
    stance,
    setStance,
    words,
    setWords,
    f,
    set,
    art278,
    setArt278,
    photos,
    setPhotos,
    entries,
    error,
    busy,
    open,
    openExpense,
    submit,
    linkExpense,
    rate,
  };
}

export type TopicPageState = ReturnType<typeof useTopicPage>;
