/**
 * The card that asks WeChat for one message (src/services/subscribe.ts askForMessage):
 * what the message is for, what the last tap granted, and the button. The page keeps the
 * tap's state; `className` names the card, its result and its button (`<c>`, `<c>__result`,
 * and `buttonClass`) for each page's tests.
 */
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import './index.scss';

export interface SubscribeResult {
  accepted: boolean;
  remaining: number;
  demo: boolean;
}

export default function SubscribeCard(props: {
  className: string;
  buttonClass: string;
  title: string;
  note: string;
  /** What the last tap granted, in words: "已订阅，…" / "您没有同意，…". */
  result: SubscribeResult | null;
  resultText: (r: SubscribeResult) => string;
  error?: string;
  busy: boolean;
  onAsk: () => void;
  askText: string;
}) {
  const r = props.result;
  const result = `${props.className}__result subscribe-card__result`;
  return (
    <View className={`card ${props.className}`}>
      <View className='card__title'>{props.title}</View>
      <View className='muted'>{props.note}</View>
      {r ? (
        <View className={`${result}${r.accepted ? '' : ' subscribe-card__result--no'}`}>
          {props.resultText(r)}
          {r.demo ? '（本地演示：未弹出微信授权）' : ''}
        </View>
      ) : null}
      {props.error ? <View className={`${result} subscribe-card__result--no`}>{props.error}</View> : null}
      <View className='actions'>
        <Btn block loading={props.busy} className={props.buttonClass} onClick={props.onAsk}>
          {r?.accepted ? '再订阅一条' : props.askText}
        </Btn>
      </View>
    </View>
  );
}
