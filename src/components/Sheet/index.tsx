/** A bottom sheet for short forms (a reason, a choice) that Taro.showModal cannot hold on h5. */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

export default function Sheet(props: { open: boolean; title: string; onClose: () => void; children?: ReactNode; className?: string }) {
  if (!props.open) return null;
  return (
    <View className='sheet-mask' onClick={props.onClose}>
      <View className={`sheet${props.className ? ' ' + props.className : ''}`} onClick={(e) => e.stopPropagation()}>
        <View className='sheet__title'>{props.title}</View>
        {props.children}
      </View>
    </View>
  );
}
