/**
 * 读给我听: a big button on every notice that reads it aloud in Mandarin, with
 * pause/continue, stop and three speeds (services/speech.ts: h5 speechSynthesis,
 * weapp the 同声传译 plugin). Stops when the page goes away.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  SPEECH_RATES,
  createSpeaker,
  speechSupported,
  speechText,
  type Speaker,
  type SpeechRate,
  type SpeechState,
} from '@/services/speech';
import './index.scss';

export default function ReadAloud(props: { title: string; body: string; authorName?: string; authorRole?: string }) {
  const speaker = useRef<Speaker | null>(null);
  const [state, setState] = useState<SpeechState>('idle');
  const [rate, setRate] = useState<SpeechRate>(1);
  /** Why reading aloud failed (no Chinese voice here): stays on the card, not only a toast. */
  const [problem, setProblem] = useState<string | null>(null);
  const supported = speechSupported();

  useEffect(() => () => speaker.current?.stop(), []);

  function get(): Speaker {
    if (!speaker.current) {
      speaker.current = createSpeaker();
      speaker.current.onState((s, error) => {
        setState(s);
        setProblem(error ?? null);
        if (error) void Taro.showToast({ title: error, icon: 'none' });
      });
    }
    return speaker.current;
  }

  function main() {
    const s = get();
    if (state === 'idle') s.play(speechText(props), rate);
    else if (state === 'playing' || state === 'loading') s.pause();
    else s.resume();
  }

  function speed(r: SpeechRate) {
    setRate(r);
    if (state !== 'idle') get().setRate(r);
  }

  if (!supported) return null;
  const label = state === 'idle' ? '读给我听' : state === 'loading' ? '正在准备朗读…' : state === 'playing' ? '暂停朗读' : '继续朗读';
  return (
    <View className='card read-aloud'>
      <View className={`read-aloud__main read-aloud__main--${state}`} hoverClass='read-aloud__main--hover' onClick={main}>
        {label}
      </View>
      {problem ? <View className='read-aloud__problem'>{problem}</View> : null}
      <View className='read-aloud__row'>
        <View className='read-aloud__label'>语速</View>
        {SPEECH_RATES.map((r) => (
          <View key={r.rate} className={`read-aloud__rate${rate === r.rate ? ' read-aloud__rate--on' : ''}`} onClick={() => speed(r.rate)}>
            {r.label}
          </View>
        ))}
        {state !== 'idle' ? (
          <View className='read-aloud__stop' onClick={() => get().stop()}>
            停止
          </View>
        ) : null}
      </View>
    </View>
  );
}
