/**
 * One 议事厅 topic through its cycle 征集 → 通报 → 协商 → 公示 → 实施 → 反馈. Residents
 * comment once per home (editing their thread), object during 公示 and rate in 反馈;
 * the branch and the committee take the next step (the only one offered: the
 * function refuses any other) and add tasks linked to a repair, a ledger expense
 * or a vote. The outcome is an opinion; under art. 278 the page says it goes to
 * an owners' vote, and why. Shared to the owners' group as a card without names.
 */
import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Image, Input, Textarea, View } from '@tarojs/components';
import { shanghaiInstant } from '@core/platform/period';
import { formatYuan } from '@core/platform/units';
import type { ConcernPlaces, TopicDetail } from '@core/concerns/contract';
import type { LedgerEntryView } from '@core/fees/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import { STANCES, STANCE_LABELS, TOPIC_STAGES, TOPIC_STAGE_LABELS, topicPage, type Stance, type TopicStage } from '@core/concerns/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import type { UploadedFile } from '@/services/upload';
import { linkUrl } from '@/features/links';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { openConcern, thisMonth } from '../../logic';
import StepForm from './StepForm';
import '../../common.scss';

const STEP_TITLES: Record<TopicStage, string> = {
  collect: '',
  brief: '公布材料并约定议事会',
  consult: '记录议事会和协商意见',
  publicize: '公示结果',
  implement: '开始实施',
  feedback: '反馈实施情况',
  closed: '结束议题',
};

export default function TopicPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const topic = useRemote<TopicDetail>(() => api('concerns').call('topics.get', { topicId: id }), [id], { refreshOnShow: true });
  const places = useRemote<ConcernPlaces>(() => api('concerns').call('concerns.places', {}), []);
  const [sheet, setSheet] = useState<'comment' | 'object' | 'step' | 'task' | 'expense' | null>(null);
  const [stance, setStance] = useState<Stance | ''>('');
  const [words, setWords] = useState('');
  const [f, setF] = useState<Record<string, string>>({});
  const [art278, setArt278] = useState(false);
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [taskId, setTaskId] = useState('');
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([sheet, f.title, f.owner, f.dueOn]);
  useShareAppMessage(() => ({ title: topic.data?.shareTitle ?? '小区议事厅', path: '/' + topicPage(id) }));

  const t = topic.data;
  if (!t)
    return <PageShell className='concern-topic'>{topic.loading || !topic.error ? <Loading /> : <StateView {...topic.state} />}</PageShell>;
  const home = places.data?.homes.find((h) => h.compoundId === t.compoundId);
  const call = api('concerns');
  const set = (k: string) => (e: { detail: { value: string } }) => setF((x) => ({ ...x, [k]: e.detail.value }));

  function open(s: typeof sheet) {
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
  async function run(what: () => Promise<TopicDetail>, done: string) {
    setBusy(true);
    setError(null);
    try {
      topic.setData(await what());
      void Taro.showToast({ title: done, icon: 'success' });
      setSheet(null);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
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
  function step() {
    const to = t!.nextStage!;
    if (to === 'brief') {
      if (!f.materialTitle?.trim()) return setError('请填写材料名称');
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(f.meetingAt ?? '')) return setError('议事会时间格式：2026-12-10 19:00');
      if (!f.place?.trim()) return setError('请填写议事会地点');
      const at = shanghaiInstant(f.meetingAt.slice(0, 10), f.meetingAt.slice(11)).toISOString();
      return run(
        () =>
          call.call('topics.advance', {
            topicId: t!.id,
            step: {
              to,
              materials: [{ title: f.materialTitle.trim(), photos: photos.map((p) => p.fileID) }],
              meetingAt: at,
              place: f.place.trim(),
            },
          }),
        '已通报',
      );
    }
    if (to === 'consult') {
      if (!f.participants?.trim() || !f.minutes?.trim() || !f.opinion?.trim()) return setError('请填写参会人员、会议记录和协商意见');
      if (art278 && !f.reason?.trim()) return setError('请说明为什么须业主表决');
      return run(
        () =>
          call.call('topics.advance', {
            topicId: t!.id,
            step: {
              to,
              participants: f.participants.trim(),
              minutes: f.minutes.trim(),
              opinion: f.opinion.trim(),
              art278,
              ...(art278 ? { art278Reason: f.reason.trim() } : {}),
            },
          }),
        '已记录',
      );
    }
    if (to === 'publicize')
      return run(
        () => call.call('topics.advance', { topicId: t!.id, step: { to, objectionDays: Number(f.objectionDays) || 5 } }),
        '已公示',
      );
    if (to === 'feedback') {
      if (!f.report?.trim()) return setError('请填写反馈情况');
      return run(() => call.call('topics.advance', { topicId: t!.id, step: { to, report: f.report.trim() } }), '已反馈');
    }
    return run(() => call.call('topics.advance', { topicId: t!.id, step: { to } as { to: 'implement' } }), '已更新');
  }

  const at = TOPIC_STAGES.indexOf(t.stage);
  return (
    <PageShell className='concern-topic'>
      <View className='card topic-head'>
        <View className='card__title topic-title'>{t.title}</View>
        <View className='concern-steps'>
          {TOPIC_STAGES.filter((s) => s !== 'closed').map((s, i) => (
            <View
              key={s}
              className={`concern-step${i < at ? ' concern-step--done' : i === at ? ' concern-step--now topic-stage-now' : ''}`}
            >
              {TOPIC_STAGE_LABELS[s]}
            </View>
          ))}
        </View>
        <View className='concern-block'>{t.description}</View>
        {t.sourceConcernId ? (
          <View className='concern-link' onClick={() => openConcern(t.sourceConcernId!)}>
            来自一条民情 ›
          </View>
        ) : null}
        {t.stage === 'collect' ? <View className='concern-note'>征集意见截止：{formatDateTime(t.collectUntil)}</View> : null}
      </View>
      {t.materials.length || t.meeting ? (
        <View className='card topic-brief'>
          <View className='card__title'>通报材料</View>
          {t.materials.map((m, i) => (
            <View key={i} className='concern-block'>
              · {m.title}
              {m.photos.length ? (
                <View className='concern-photos topic-material-photos'>
                  {m.photos.map((p) => (
                    <View key={p.fileID} className='concern-photo'>
                      <Image className='concern-photo__img' src={p.url} mode='aspectFill' />
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
          ))}
          {t.meeting ? (
            <View className='concern-block'>
              议事会：{formatDateTime(t.meeting.at)}，{t.meeting.place}
            </View>
          ) : null}
        </View>
      ) : null}
      {t.minutes ? (
        <View className='card topic-consult'>
          <View className='card__title'>议事会记录</View>
          <View className='concern-block'>参会：{t.participants}</View>
          <View className='concern-block'>{t.minutes}</View>
          <View className='card__title' style={{ marginTop: '16px' }}>
            协商意见
          </View>
          <View className='concern-block topic-opinion'>{t.opinion}</View>
        </View>
      ) : null}
      {t.outcome ? (
        <View className={`card topic-outcome${t.art278 ? ' concern-warn' : ''}`}>
          <View className='card__title'>{t.art278 ? '须业主表决' : '议事结果（协商意见）'}</View>
          <View className='concern-block topic-outcome__text'>{t.outcome}</View>
          {!t.art278 ? <View className='concern-note'>议事厅的结果是协商意见，不是对共有部分的决定。</View> : null}
          {t.publicUntil ? (
            <View className='concern-note'>
              公示期至 {formatDateTime(t.publicUntil)}
              {t.stage === 'publicize' ? '，有异议请在公示期内提出。' : '。'}
            </View>
          ) : null}
        </View>
      ) : null}
      {t.tasks.length || (t.canManage && (t.stage === 'implement' || t.stage === 'feedback')) ? (
        <View className='card topic-tasks'>
          <View className='card__title'>实施任务</View>
          {t.tasks.map((k) => (
            <View key={k.id} className='row topic-task'>
              <View className='row__main'>
                <View className='row__title'>{k.title}</View>
                <View className='row__sub'>
                  负责：{k.owner} · 完成期限 {k.dueOn}
                </View>
                {k.link ? (
                  <View className='concern-link topic-task-link' onClick={() => go(linkUrl(k.link!))}>
                    {k.link.label} ›
                  </View>
                ) : null}
              </View>
              {t.canManage && !k.link ? (
                <Btn size='small' className='topic-link-expense' onClick={() => void openExpense(k.id)}>
                  关联支出
                </Btn>
              ) : null}
            </View>
          ))}
          {t.canManage && t.stage === 'implement' ? (
            <Btn block className='topic-add-task' onClick={() => open('task')}>
              添加任务
            </Btn>
          ) : null}
        </View>
      ) : null}
      {t.report ? (
        <View className='card topic-feedback'>
          <View className='card__title'>反馈</View>
          <View className='concern-block'>{t.report}</View>
          <View className='concern-note'>
            满意 {t.ratings.satisfied} 户 · 不满意 {t.ratings.unsatisfied} 户
          </View>
        </View>
      ) : null}
      {t.canRate && home ? (
        <View className='card topic-rate'>
          <View className='card__title'>
            {t.myRating ? `您评价了：${t.myRating === 'satisfied' ? '满意' : '不满意'}` : '您对结果满意吗？'}
          </View>
          <Btn
            type='primary'
            block
            className='topic-rate-ok'
            onClick={() => void run(() => call.call('topics.rate', { topicId: t.id, homeId: home.homeId, verdict: 'satisfied' }), '谢谢')}
          >
            满意
          </Btn>
          <Btn
            block
            className='topic-rate-bad'
            onClick={() => void run(() => call.call('topics.rate', { topicId: t.id, homeId: home.homeId, verdict: 'unsatisfied' }), '谢谢')}
          >
            不满意
          </Btn>
        </View>
      ) : null}
      {t.canManage && t.nextStage ? (
        <View className='card topic-manage'>
          <View className='card__title'>下一步：{TOPIC_STAGE_LABELS[t.nextStage]}</View>
          {t.nextProblem ? (
            <View className='muted topic-next-problem'>{t.nextProblem}</View>
          ) : (
            <Btn type='primary' block className='topic-next' onClick={() => open('step')}>
              {STEP_TITLES[t.nextStage]}
            </Btn>
          )}
        </View>
      ) : null}
      <View className='section-title'>居民意见（{t.comments}户）</View>
      <View className='card topic-comments'>
        {t.canComment && home ? (
          <Btn type='primary' block className='topic-comment' onClick={() => open('comment')}>
            {t.myComment ? '修改我家的意见' : '发表意见'}
          </Btn>
        ) : null}
        {t.canObject && home ? (
          <Btn block className='topic-object' onClick={() => open('object')}>
            提出异议
          </Btn>
        ) : null}
        {t.commentsList.length === 0 ? <View className='muted'>还没有意见</View> : null}
        {t.commentsList.map((c, i) => (
          <View key={i} className='concern-event topic-comment-item'>
            <View className='concern-event__label'>
              {c.who} · {c.stanceLabel}
              {c.edited ? '（已修改）' : ''}
            </View>
            <View className='concern-event__note'>{c.text}</View>
          </View>
        ))}
      </View>
      <Sheet
        open={!!sheet}
        title={
          {
            comment: '我家的意见（每户一条，可修改）',
            object: '提出异议',
            step: t.nextStage ? STEP_TITLES[t.nextStage] : '',
            task: '添加任务',
            expense: '关联账目支出',
          }[sheet ?? 'comment']
        }
        onClose={() => setSheet(null)}
        className='topic-sheet'
      >
        {sheet === 'comment' ? (
          <Choice
            className='topic-stances'
            columns={3}
            options={STANCES.map((s) => ({ value: s, label: STANCE_LABELS[s] }))}
            value={stance || null}
            onChange={setStance}
          />
        ) : null}
        {sheet === 'comment' || sheet === 'object' ? (
          <Textarea
            className='field__textarea topic-words'
            value={words}
            maxlength={CONCERN_LIMITS.comment}
            onInput={(e) => setWords(e.detail.value)}
          />
        ) : null}
        {sheet === 'step' && t.nextStage ? (
          <StepForm stage={t.nextStage} f={f} set={set} art278={art278} setArt278={setArt278} photos={photos} setPhotos={setPhotos} />
        ) : null}
        {sheet === 'task' ? (
          <View>
            <View className='field'>
              <View className='field__label'>任务</View>
              <Input className='field__input task-title' value={f.title} onInput={set('title')} />
            </View>
            <View className='field'>
              <View className='field__label'>负责人</View>
              <Input className='field__input task-owner' value={f.owner} onInput={set('owner')} />
            </View>
            <View className='field'>
              <View className='field__label'>完成期限</View>
              <Input className='field__input task-due' value={f.dueOn} onInput={set('dueOn')} placeholder='2026-12-31' />
            </View>
          </View>
        ) : null}
        {sheet === 'expense' ? (
          entries === null ? (
            <Loading />
          ) : entries.length === 0 ? (
            <View className='muted'>本月还没有支出记录</View>
          ) : (
            <Choice
              className='topic-expenses'
              columns={1}
              options={entries.map((e) => ({
                value: e.id,
                label: `${e.memo} · ${formatYuan(e.amountFen)}`,
                hint: `${e.categoryLabel} · ${e.period}`,
              }))}
              onChange={(entryId) =>
                void run(
                  () =>
                    call.call('topics.linkTask', {
                      topicId: t.id,
                      taskId,
                      link: { kind: 'expense', id: entryId, period: entries.find((e) => e.id === entryId)!.period },
                    }),
                  '已关联',
                )
              }
            />
          )
        ) : null}
        {error ? <View className='form-error topic-error'>{error}</View> : null}
        {sheet && sheet !== 'expense' ? (
          <Btn
            type='primary'
            block
            loading={busy}
            className='topic-submit'
            onClick={() => {
              if (sheet === 'comment') {
                if (!stance) return setError('请选择赞成、反对或建议');
                if (!words.trim()) return setError('请写下您的意见');
                return void run(
                  () => call.call('topics.comment', { topicId: t.id, homeId: home!.homeId, stance, text: words.trim() }),
                  '已发表',
                );
              }
              if (sheet === 'object') {
                if (!words.trim()) return setError('请写下异议');
                return void run(() => call.call('topics.object', { topicId: t.id, homeId: home!.homeId, text: words.trim() }), '已提交');
              }
              if (sheet === 'task') {
                if (!f.title?.trim() || !f.owner?.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(f.dueOn ?? ''))
                  return setError('请填写任务、负责人和完成期限（2026-12-31）');
                return void run(
                  () =>
                    call.call('topics.addTask', {
                      topicId: t.id,
                      clientRequestId: rid.id,
                      title: f.title.trim(),
                      owner: f.owner.trim(),
                      dueOn: f.dueOn,
                    }),
                  '已添加',
                );
              }
              step();
            }}
          >
            提交
          </Btn>
        ) : null}
      </Sheet>
    </PageShell>
  );
}
