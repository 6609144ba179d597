/**
 * 截止前提醒我: an owner who has not voted yet asks WeChat for one reminder. The committee's
 * 提醒未投票业主 reaches only owners who granted one (WeChat: one message per accepted tap),
 * so without this card a reminder reached nobody who reads the app.
 */
import { useState } from 'react';
import SubscribeCard, { type SubscribeResult } from '@/components/SubscribeCard';
import { api, toServiceError } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';

export default function VoteReminder() {
  const [busy, setBusy] = useState(false);
  const [granted, setGranted] = useState<SubscribeResult | null>(null);
  const [error, setError] = useState('');

  async function ask() {
    setBusy(true);
    setError('');
    try {
      const r = await askForMessage('vote', (input) => api('votes').call('votes.subscribe', input));
      setGranted({ accepted: r.accepted, remaining: r.recorded.remaining, demo: r.demo });
    } catch (e) {
      setError(toServiceError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SubscribeCard
      className='vote-remind-me'
      buttonClass='vote-remind-me__btn'
      title='还没想好？截止前提醒我'
      note='投票截止前，业委会可以通过微信提醒尚未投票的业主一次。每点一次可收到一条提醒，不会用于其他消息。'
      result={granted}
      resultText={(r) => (r.accepted ? `已订阅，可收到 ${r.remaining} 条投票提醒` : `您没有同意，可收到 ${r.remaining} 条投票提醒`)}
      error={error}
      busy={busy}
      onAsk={ask}
      askText='截止前提醒我'
    />
  );
}
