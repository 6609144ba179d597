/**
 * 截止前提醒我: an owner who has not voted yet asks WeChat for one reminder. The committee's
 * 提醒未投票业主 reaches only owners who granted one (WeChat: one message per accepted tap),
 * so without this card a reminder reached nobody who reads the app.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import { api, toServiceError } from '@/services/cloud';
import { askForMessage } from '@/services/subscribe';

interface Granted {
  accepted: boolean;
  remaining: number;
  demo: boolean;
}

export default function VoteReminder() {
  const [busy, setBusy] = useState(false);
  const [granted, setGranted] = useState<Granted | null>(null);
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
    <View className='card vote-remind-me'>
      <View className='card__title'>还没想好？截止前提醒我</View>
      <View className='muted'>投票截止前，业委会可以通过微信提醒尚未投票的业主一次。每点一次可收到一条提醒，不会用于其他消息。</View>
      {granted ? (
        <View className={`vote-remind-me__result${granted.accepted ? '' : ' vote-remind-me__result--no'}`}>
          {granted.accepted ? `已订阅，可收到 ${granted.remaining} 条投票提醒` : `您没有同意，可收到 ${granted.remaining} 条投票提醒`}
          {granted.demo ? '（本地演示：未弹出微信授权）' : ''}
        </View>
      ) : null}
      {error ? <View className='vote-remind-me__result vote-remind-me__result--no'>{error}</View> : null}
      <View className='actions'>
        <Btn block loading={busy} className='vote-remind-me__btn' onClick={ask}>
          {granted?.accepted ? '再订阅一条' : '截止前提醒我'}
        </Btn>
      </View>
    </View>
  );
}
