import { View } from '@tarojs/components';
import Btn from '../Btn';
import type { ServiceError } from '../../services/cloud';

/** A failed load: the Chinese message from the backend, and 重试. */
export default function ErrorView(props: { error: ServiceError; onRetry?: () => void }) {
  return (
    <View className='state state--error'>
      <View className='state__title'>出错了</View>
      <View className='state__text error-message'>{props.error.message}</View>
      {props.onRetry ? (
        <View className='state__actions'>
          <Btn type='default' block onClick={props.onRetry}>
            重试
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
