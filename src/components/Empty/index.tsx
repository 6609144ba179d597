import { View } from '@tarojs/components';
import Btn from '../Btn';

export default function Empty(props: { title: string; text?: string; action?: { label: string; onClick: () => void } }) {
  return (
    <View className='state state--empty'>
      <View className='state__title'>{props.title}</View>
      {props.text ? <View className='state__text'>{props.text}</View> : null}
      {props.action ? (
        <View className='state__actions'>
          <Btn type='primary' block onClick={props.action.onClick}>
            {props.action.label}
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
