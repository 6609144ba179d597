/**
 * Every page's root. Applies 大字模式 (one class that raises the CSS font-size
 * variables for everything inside) and, on weapp, hosts the privacy popup.
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from '@/hooks/useLargeText';
import PrivacyPopup from '@/components/PrivacyPopup';
import './index.scss';

export default function PageShell(props: { children?: ReactNode; className?: string }) {
  const large = useLargeText();
  return (
    <View className={`shell${large ? ' shell--large' : ''}${props.className ? ' ' + props.className : ''}`}>
      {props.children}
      {process.env.TARO_ENV === 'weapp' ? <PrivacyPopup /> : null}
    </View>
  );
}
