import { View } from '@tarojs/components';
import './index.scss';

export default function Loading(props: { text?: string }) {
  return (
    <View className='state state--loading'>
      <View className='state__spinner' />
      <View className='state__text'>{props.text ?? '正在加载…'}</View>
    </View>
  );
}
