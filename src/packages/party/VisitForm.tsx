/**
 * 记一次走访: the day, how (上门 / 电话 / 路遇 / 不在家), the topics as categories, 需要跟进,
 * and a short note that warns what must not be written (PIPL arts. 28–29). The form
 * checks the note with core's rule before sending; the function checks it again.
 */
import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { HouseholdView, VisitView } from '@core/party/contract';
import { PARTY_LIMITS } from '@core/party/limits';
import {
  NOTE_WARNING,
  VISIT_MODES,
  VISIT_MODE_LABELS,
  VISIT_TOPICS,
  VISIT_TOPIC_LABELS,
  noteProblem,
  type VisitMode,
  type VisitTopic,
} from '@core/party/rules';
import { shanghaiDay } from '@core/platform/period';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import Sheet from '@/components/Sheet';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';

export default function VisitForm(props: { home: HouseholdView | null; onClose: () => void; onDone: (v: VisitView) => void }) {
  const [mode, setMode] = useState<VisitMode>('door');
  const [topics, setTopics] = useState<VisitTopic[]>([]);
  const [followUp, setFollowUp] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([props.home?.homeId, mode, topics, followUp, note]);
  const toggle = (t: VisitTopic) =>
    setTopics((x) => (x.includes(t) ? x.filter((y) => y !== t) : x.length < PARTY_LIMITS.topics ? [...x, t] : x));

  async function submit() {
    if (!props.home) return;
    const problem = note ? noteProblem(note) : null;
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const v = await api('party').call('party.visit', {
        clientRequestId: rid.id,
        homeId: props.home.homeId,
        date: shanghaiDay(),
        mode,
        topics,
        followUp,
        ...(note ? { note } : {}),
      });
      rid.renew();
      setNote('');
      setTopics([]);
      setFollowUp(false);
      props.onDone(v);
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Sheet open={!!props.home} title={`记录走访：${props.home?.label ?? ''}`} onClose={props.onClose} className='party-visit-sheet'>
      <View className='field__label'>走访方式</View>
      <Choice
        className='party-modes'
        columns={2}
        options={VISIT_MODES.map((m) => ({ value: m, label: VISIT_MODE_LABELS[m] }))}
        value={mode}
        onChange={setMode}
      />
      <View className='field__label party-field'>了解到的事（可多选，最多{PARTY_LIMITS.topics}类）</View>
      <View className='choice choice--cols-2 party-topics'>
        {VISIT_TOPICS.map((t) => (
          <View key={t} className={`choice__item${topics.includes(t) ? ' choice__item--on' : ''}`} onClick={() => toggle(t)}>
            <View className='choice__label'>{VISIT_TOPIC_LABELS[t]}</View>
          </View>
        ))}
      </View>
      <View className='field__label party-field'>需要跟进吗？</View>
      <Choice
        className='party-followup'
        columns={2}
        options={[
          { value: 'no', label: '不需要' },
          { value: 'yes', label: '需要跟进', hint: '登记为民情，交楼栋长处理' },
        ]}
        value={followUp ? 'yes' : 'no'}
        onChange={(v) => setFollowUp(v === 'yes')}
      />
      <View className='field__label party-field'>备注（选填，{PARTY_LIMITS.visitNote}字以内）</View>
      <View className='party-warn'>{NOTE_WARNING}</View>
      <Input
        className='field__input party-input party-note-input'
        value={note}
        maxlength={PARTY_LIMITS.visitNote}
        placeholder='只写需要跟进的事，如：楼道灯不亮'
        onInput={(e) => setNote(e.detail.value)}
      />
      {error ? <View className='form-error party-error'>{error}</View> : null}
      <View className='party-actions'>
        <Btn type='primary' block loading={busy} className='party-visit-submit' onClick={submit}>
          保存走访
        </Btn>
      </View>
    </Sheet>
  );
}
