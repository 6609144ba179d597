/**
 * 邻里服务: register what I can help with and when; ask for help (tutoring, urgent
 * medical advice, legal consultation, other) — it reaches the matching team; the
 * requests my teams received, to take one; my requests, to close with thanks.
 * Contacts show only to the requester and the member who took the request.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import type { HelpView } from '@core/activities/contract';
import { ACTIVITY_LIMITS as L } from '@core/activities/limits';
import { HELP_KINDS, HELP_KIND_LABELS, SKILLS, SKILL_LABELS, type HelpKind, type Skill } from '@core/activities/rules';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Btn from '@/components/Btn';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { useRequestId } from '@/hooks/useRequestId';
import { api, toServiceError } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import '@/packages/activities/common.scss';

const toast = (title: string, ok = false) => void Taro.showToast({ title, icon: ok ? 'success' : 'none' });

function HelpCard({ r, onChange }: { r: HelpView; onChange: () => void }) {
  const [thanks, setThanks] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      toast(done, true);
      onChange();
    } catch (e) {
      toast(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card help-item'>
      <View className='act-tags'>
        <View className='tag'>{r.kindLabel}</View>
        <View className='tag tag--grey'>{r.statusLabel}</View>
      </View>
      <View className='act-line'>{r.text}</View>
      <View className='act-line muted'>
        {r.requesterName} · {formatDateTime(r.createdAt)}
      </View>
      {r.contact ? <View className='act-line'>求助人电话：{r.contact}</View> : null}
      {r.takerName ? (
        <View className='act-line'>
          接单：{r.takerName}
          {r.takerContact ? `（${r.takerContact}）` : ''}
        </View>
      ) : null}
      {r.thanks ? <View className='act-line help-thanks'>感谢：{r.thanks}</View> : null}
      {r.canTake ? (
        <Btn
          type='primary'
          block
          loading={busy}
          className='help-take'
          onClick={() => void act(() => api('activities').call('help.take', { requestId: r.id }), '已接单')}
        >
          我来帮忙
        </Btn>
      ) : null}
      {r.canClose ? (
        <View>
          <Input
            className='field__input help-thanks-input'
            value={thanks}
            maxlength={L.thanks}
            placeholder='说句感谢的话（可不填）'
            onInput={(e) => setThanks(e.detail.value)}
          />
          <Btn
            block
            loading={busy}
            className='help-close'
            onClick={() => void act(() => api('activities').call('help.close', { requestId: r.id, thanks }), '已完成')}
          >
            问题解决了
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

export default function ServicePage() {
  const page = useRemote(() => api('activities').call('service.page', {}), []);
  const d = page.data;
  const [skills, setSkills] = useState<Skill[] | null>(null);
  const [availability, setAvailability] = useState<string | null>(null);
  const [kind, setKind] = useState<HelpKind>('tutoring');
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [busy, setBusy] = useState(false);
  const rid = useRequestId([kind, text, contact]);
  const v = d?.me.volunteer;
  const chosen = skills ?? v?.skills ?? [];
  const when = availability ?? v?.availability ?? '';

  async function register() {
    setBusy(true);
    try {
      await api('activities').call('service.register', { skills: chosen, availability: when });
      toast('已登记', true);
      void page.reload();
    } catch (e) {
      toast(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }
  async function ask() {
    setBusy(true);
    try {
      await api('activities').call('help.ask', { clientRequestId: rid.id, kind, text, contact });
      rid.renew();
      setText('');
      toast('已发出，服务队会联系您', true);
      void page.reload();
    } catch (e) {
      toast(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell className='service-page'>
      <View className='card help-ask'>
        <View className='card__title'>我要求助</View>
        <Choice
          className='help-kind'
          value={kind}
          onChange={setKind}
          options={HELP_KINDS.map((k) => ({ value: k, label: HELP_KIND_LABELS[k] }))}
        />
        <View className='field'>
          <Textarea
            className='field__textarea help-text'
            value={text}
            maxlength={L.helpText}
            placeholder='说说需要什么帮助'
            onInput={(e) => setText(e.detail.value)}
          />
        </View>
        <View className='field'>
          <View className='field__label'>联系电话（只有接单的邻居能看到）</View>
          <Input
            className='field__input help-contact'
            type='number'
            value={contact}
            maxlength={11}
            onInput={(e) => setContact(e.detail.value)}
          />
        </View>
        {kind === 'medical' ? <View className='note'>情况紧急请直接拨打 120。</View> : null}
        <Btn type='primary' block loading={busy} className='help-submit' onClick={() => void ask()}>
          发出求助
        </Btn>
      </View>

      <StateView {...page.state}>
        {d?.team.items.length ? <View className='section-title'>服务队收到的求助</View> : null}
        {d?.team.items.map((r) => (
          <HelpCard key={r.id} r={r} onChange={() => void page.reload()} />
        ))}
        {d?.mine.items.length ? <View className='section-title'>我的求助</View> : null}
        {d?.mine.items.map((r) => (
          <HelpCard key={r.id} r={r} onChange={() => void page.reload()} />
        ))}
      </StateView>

      <View className='card service-register'>
        <View className='card__title'>我能帮邻居做什么</View>
        {d?.me.teams.length ? <View className='note'>已加入：{d.me.teams.map((t) => t.name).join('、')}</View> : null}
        <Choice
          className='service-skills'
          columns={3}
          value={null}
          onChange={(s: Skill) => setSkills(chosen.includes(s) ? chosen.filter((x) => x !== s) : [...chosen, s])}
          options={SKILLS.map((s) => ({ value: s, label: `${chosen.includes(s) ? '✓ ' : ''}${SKILL_LABELS[s]}` }))}
        />
        <View className='field'>
          <View className='field__label'>什么时候方便</View>
          <Input
            className='field__input service-when'
            value={when}
            maxlength={L.availability}
            placeholder='例如：周末上午'
            onInput={(e) => setAvailability(e.detail.value)}
          />
        </View>
        <Btn block loading={busy} className='service-submit' onClick={() => void register()}>
          {v ? '更新登记' : '登记'}
        </Btn>
      </View>
    </PageShell>
  );
}
