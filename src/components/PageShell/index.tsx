/**
 * Every page's root. Applies 大字模式 (one class that raises the CSS font-size
 * variables for everything inside) and, on weapp, hosts the privacy popup and tells
 * our tab bar (src/custom-tab-bar) which tab is showing.
 */
import type { ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useLargeText } from '@/hooks/useLargeText';
import PrivacyPopup from '@/components/PrivacyPopup';
import ConfirmHost from '@/components/ConfirmHost';
import { TABS } from '@/store/tabBar';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function PageShell(props: { children?: ReactNode; className?: string }) {
  const large = useLargeText();
  useDidShow(() => {
    if (!isWeapp) return;
    const page = Taro.getCurrentInstance().page;
    const route = ((page as { route?: string } | null)?.route ?? page?.path ?? '').replace(/^\//, '').split('?')[0];
    const index = TABS.findIndex((t) => t.path === route);
    if (index < 0 || !page) return;
    const bar = Taro.getTabBar<{ setSelected(i: number): void }>(page);
    bar?.setSelected(index);
  });
  return (
    <View className={`shell${large ? ' shell--large' : ''}${props.className ? ' ' + props.className : ''}`}>
      {props.children}
      <ConfirmHost />
      {isWeapp ? <PrivacyPopup /> : null}
    </View>
  );
}
