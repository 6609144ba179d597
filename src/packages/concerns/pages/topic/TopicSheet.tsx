/**
 * The topic's one sheet: a home's comment or objection, the next step's form, a new
 * task, or the month's expenses to link to a task (a pick submits it).
 */
import { Input, Textarea, View } from '@tarojs/components';
import type { TopicDetail } from '@core/concerns/contract';
import { formatYuan } from '@core/platform/units';
import { CONCERN_LIMITS } from '@core/concerns/limits';
import { STANCES, STANCE_LABELS } from '@core/concerns/rules';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import PickList from '../../components/PickList';
import StepForm from './StepForm';
import { STEP_TITLES, type TopicPageState } from './useTopicPage';

export default function TopicSheet({ t, p }: { t: TopicDetail; p: TopicPageState }) {
  const { sheet, f, set, entries } = p;
  return (
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
      onClose={() => p.setSheet(null)}
      className='topic-sheet'
    >
      {sheet === 'comment' ? (
        <Choice
          className='topic-stances'
          columns={3}
          options={STANCES.map((s) => ({ value: s, label: STANCE_LABELS[s] }))}
          value={p.stance || null}
          onChange={p.setStance}
        />
      ) : null}
      {sheet === 'comment' || sheet === 'object' ? (
        <Textarea
          className='field__textarea topic-words'
          value={p.words}
          maxlength={CONCERN_LIMITS.comment}
          onInput={(e) => p.setWords(e.detail.value)}
        />
      ) : null}
      {sheet === 'step' && t.nextStage ? (
        <StepForm stage={t.nextStage} f={f} set={set} art278={p.art278} setArt278={p.setArt278} photos={p.photos} setPhotos={p.setPhotos} />
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
        <PickList
          className='topic-expenses'
          empty='本月还没有支出记录'
          options={
            entries &&
            entries.map((e) => ({ value: e.id, label: `${e.memo} · ${formatYuan(e.amountFen)}`, hint: `${e.categoryLabel} · ${e.period}` }))
          }
          onPick={p.linkExpense}
        />
      ) : null}
      {p.error ? <View className='form-error topic-error'>{p.error}</View> : null}
      {sheet && sheet !== 'expense' ? (
        <Btn type='primary' block loading={p.busy} className='topic-submit' onClick={p.submit}>
          提交
        </Btn>
      ) : null}
    </Sheet>
  );
}
