/**
 * One concern: what, where (never a room for a neighbour), its photos, every step,
 * and what this person may do now — the flags come from the view (the function
 * decides them and checks every call). The handler answers, or turns it into a
 * repair (reported here and linked), a 议事 topic, or an owners' vote (art. 278);
 * the raiser ends it: 满意, or 不满意 with a reason (it goes back, to the branch).
 * Subscribe messages link here, so the path is fixed.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Textarea, View } from '@tarojs/components';
import type { ConcernDetail, ConcernListItem, ConcernPhoto } from '@core/concerns/contract';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Loading from '@/components/Loading';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { linkUrl } from '@/features/links';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { openConcern, openTopic } from '../../logic';
import VotePicker from './VotePicker';
import '../../common.scss';

function Photos({ list }: { list: ConcernPhoto[] }) {
  if (!list.length) return null;
  const urls = list.filter((p) => p.url).map((p) => p.url);
  return (
    <View className='concern-photos'>
      {list.map((p) => (
        <View key={p.fileID} className='concern-photo' onClick={() => p.url && void Taro.previewImage({ urls, current: p.url })}>
          {p.url ? <Image className='concern-photo__img' src={p.url} mode='aspectFill' /> : null}
          {p.check === 'pending' ? <View className='concern-photo__badge'>审核中</View> : null}
        </View>
      ))}
    </View>
  );
}

type Form = 'answer' | 'repair' | 'topic' | 'vote' | 'unsatisfied' | 'merge' | 'propose' | null;

export default function ConcernDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const concern = useRemote<ConcernDetail>(() => api('concerns').call('concerns.get', { concernId: id }), [id], { refreshOnShow: true });
  const [form, setForm] = useState<Form>(null);
  const [textValue, setText] = useState('');
  const [title, setTitle] = useState('');
  const [voteId, setVoteId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mergeList, setMergeList] = useState<ConcernListItem[] | null>(null);
  const rid = useRequestId([form, title]);
  const c = concern.data;
  if (!c) {
    return (
      <PageShell className='concern-detail'>{concern.loading || !concern.error ? <Loading /> : <StateView {...concern.state} />}</PageShell>
    );
  }
  const call = api('concerns');
  const apply = (d: ConcernDetail) => concern.setData(d);

  function open(f: Form) {
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
  async function run<T>(what: () => Promise<T>, done: string, after?: (v: T) => void) {
    setBusy(true);
    setError(null);
    try {
      const v = await what();
      after?.(v);
      void Taro.showToast({ title: done, icon: 'success' });
      setForm(null);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
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

  const handlerActions = c.canAnswer || c.canConvert || c.canMerge;
  return (
    <PageShell className='concern-detail'>
      <View className='card concern-head'>
        <View className='concern-row__head'>
          {c.escalated && c.status === 'open' ? (
            <View className='concern-tag concern-tag--escalated'>已上报党支部</View>
          ) : c.overdue ? (
            <View className='concern-tag concern-tag--overdue'>已超时</View>
          ) : null}
          <View className='concern-row__title'>{c.category}</View>
          <View className={`concern-status concern-status--${c.status} concern-detail__status`}>{c.statusLabel}</View>
        </View>
        <View className='concern-row__place'>
          {c.placeLabel}
          {c.visibility === 'handlers' ? ' · 仅处理人可见' : ' · 公开'}
        </View>
        <View className='banner banner--info'>{c.nextStep}</View>
        <View className='concern-block concern-description'>{c.description}</View>
        <Photos list={c.photos} />
        <View className='concern-row__meta'>
          {c.raiserName ? `反映人：${c.raiserName}（${c.homeLabel}） · ` : ''}
          {c.raisedBy && !c.raiserName ? `代为登记：${c.raisedBy} · ` : ''}
          {formatDateTime(c.createdAt)}
          {c.dueAt ? ` · 答复时限 ${formatDateTime(c.dueAt)}` : ''}
        </View>
        {c.mergedIntoId ? (
          <View className='concern-link' onClick={() => openConcern(c.mergedIntoId!)}>
            已合并到相同的民情，点此查看进展 ›
          </View>
        ) : null}
      </View>
      {c.answer ? (
        <View className='card concern-answer'>
          <View className='card__title'>答复</View>
          <View className='concern-block concern-answer__text'>{c.answer}</View>
          {c.voteReason ? (
            <View className='banner banner--warn'>依《民法典》第二百七十八条，这件事须由业主共同决定，议事和答复不能代替业主表决。</View>
          ) : null}
          {c.link ? (
            <View className='concern-link concern-outcome-link' onClick={() => go(linkUrl(c.link!))}>
              {c.link.label} ›
            </View>
          ) : null}
        </View>
      ) : c.link ? (
        <View className='card'>
          <View className='concern-link concern-outcome-link' onClick={() => go(linkUrl(c.link!))}>
            {c.link.label} ›
          </View>
        </View>
      ) : null}
      {c.rating ? (
        <View className='card concern-rating'>
          <View className='card__title'>评价：{c.rating === 'satisfied' ? '满意' : '不满意'}</View>
          {c.ratingReason ? <View className='concern-block'>{c.ratingReason}</View> : null}
        </View>
      ) : null}
      {c.canRate ? (
        <View className='card concern-rate'>
          <View className='card__title'>{c.asked ? '解决了吗？' : '您对答复满意吗？'}</View>
          <Btn
            type='primary'
            block
            loading={busy}
            className='concern-rate-ok'
            onClick={() => void run(() => call.call('concerns.rate', { concernId: c.id, verdict: 'satisfied' }), '谢谢您的评价', apply)}
          >
            满意，解决了
          </Btn>
          <Btn block className='concern-rate-bad' onClick={() => open('unsatisfied')}>
            不满意
          </Btn>
        </View>
      ) : null}
      {c.access === 'board' || c.canFollow || c.following || c.followers > 0 ? (
        <View className='card concern-follow'>
          <View className='concern-follow__count'>{c.followers > 0 ? `${c.followers} 位邻居也关心` : '还没有邻居点“我也关心”'}</View>
          {c.following ? (
            <View className='muted concern-follow__done'>您已关心这件事</View>
          ) : c.canFollow ? (
            <Btn
              type='primary'
              block
              loading={busy}
              className='concern-follow-btn'
              onClick={() =>
                void run(
                  () => call.call('concerns.follow', { concernId: c.id }),
                  '已记录',
                  (v) => concern.setData({ ...c, followers: v.followers, following: true, canFollow: false }),
                )
              }
            >
              我也关心
            </Btn>
          ) : null}
          {c.canPropose ? (
            <Btn block className='concern-propose' onClick={() => open('propose')}>
              这么多邻居关心，提交议事厅
            </Btn>
          ) : null}
        </View>
      ) : null}
      {c.topicId ? (
        <View className='card'>
          <View className='concern-link' onClick={() => openTopic(c.topicId!)}>
            查看议事厅里的议题 ›
          </View>
        </View>
      ) : null}
      {handlerActions ? (
        <View className='card concern-actions'>
          <View className='card__title'>处理</View>
          {c.canAnswer ? (
            <Btn type='primary' block className='concern-act-answer' onClick={() => open('answer')}>
              答复
            </Btn>
          ) : null}
          {c.canConvert ? (
            <Btn block className='concern-act-topic' onClick={() => open('topic')}>
              转为议事厅议题
            </Btn>
          ) : null}
          {c.canConvert ? (
            <Btn block className='concern-act-repair' onClick={() => open('repair')}>
              转为报修
            </Btn>
          ) : null}
          {c.canConvert ? (
            <Btn block className='concern-act-vote' onClick={() => open('vote')}>
              须业主表决
            </Btn>
          ) : null}
          {c.canMerge ? (
            <Btn block className='concern-act-merge' onClick={() => open('merge')}>
              与相同的民情合并
            </Btn>
          ) : null}
        </View>
      ) : null}
      <View className='section-title'>处理记录</View>
      <View className='card concern-timeline'>
        {c.events.map((e, i) => (
          <View key={i} className={`concern-event concern-event--${e.action}`}>
            <View className='concern-event__label'>{e.label}</View>
            <View className='concern-event__meta'>
              {e.by} · {formatDateTime(e.at)}
            </View>
            {e.note ? <View className='concern-event__note'>{e.note}</View> : null}
          </View>
        ))}
      </View>
      <Sheet
        open={!!form}
        title={
          {
            answer: '答复',
            repair: '转为报修',
            topic: '转为议事厅议题',
            propose: '提交议事厅',
            vote: '须业主表决',
            unsatisfied: '哪里不满意',
            merge: '合并到哪一条',
            '': '',
          }[form ?? ''] ?? ''
        }
        onClose={() => setForm(null)}
        className='concern-sheet'
      >
        {form === 'merge' ? (
          mergeList === null ? (
            <Loading />
          ) : mergeList.length === 0 ? (
            <View className='muted'>没有可以合并的民情</View>
          ) : (
            <Choice
              className='concern-merge-list'
              columns={1}
              options={mergeList.map((x) => ({ value: x.id, label: `${x.category} · ${x.placeLabel}`, hint: x.excerpt }))}
              onChange={(into) => void run(() => call.call('concerns.merge', { concernId: c.id, intoId: into }), '已合并', apply)}
            />
          )
        ) : (
          <View>
            {form === 'topic' || form === 'propose' ? (
              <View className='field'>
                <View className='field__label'>议题</View>
                <Input
                  className='field__input concern-topic-title'
                  value={title}
                  maxlength={CONCERN_LIMITS.title}
                  onInput={(e) => setTitle(e.detail.value)}
                />
                <View className='concern-note'>
                  议题进入“征集意见”，邻居按户发表意见；议事结果是协商意见，涉及共有部分的事仍须业主表决。
                </View>
              </View>
            ) : (
              <View className='field'>
                <View className='field__label'>
                  {form === 'answer'
                    ? '答复内容'
                    : form === 'vote'
                      ? '为什么须业主表决'
                      : form === 'repair'
                        ? '给反映人的说明（选填）'
                        : '原因'}
                </View>
                <Textarea
                  className='field__textarea concern-form-text'
                  value={textValue}
                  maxlength={CONCERN_LIMITS.answer}
                  onInput={(e) => setText(e.detail.value)}
                />
                {form === 'vote' ? <VotePicker compoundId={c.compoundId} value={voteId} onChange={setVoteId} /> : null}
              </View>
            )}
            {error ? <View className='form-error'>{error}</View> : null}
            <Btn type='primary' block loading={busy} className='concern-form-submit' onClick={() => void submit()}>
              提交
            </Btn>
          </View>
        )}
        {form === 'merge' && error ? <View className='form-error'>{error}</View> : null}
      </Sheet>
    </PageShell>
  );
}
