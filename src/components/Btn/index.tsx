/**
 * Our button: a View, so it looks the same on weapp and h5 (the native button
 * brings platform styles) and is at least 44pt tall. Use Taro's Button only when
 * an open-type is needed.
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

export type BtnType = 'primary' | 'default' | 'danger' | 'ghost';

export default function Btn(props: {
  children?: ReactNode;
  type?: BtnType;
  size?: 'normal' | 'small';
  block?: boolean;
  disabled?: boolean;
  loading?: boolean;
  className?: string;
  onClick?: () => void;
}) {
  const { type = 'default', size = 'normal', block, disabled, loading, className } = props;
  const inactive = disabled || loading;
  const cls = [
    'btn',
    `btn--${type}`,
    size === 'small' ? 'btn--small' : '',
    block ? 'btn--block' : '',
    inactive ? 'btn--disabled' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={cls}
      hoverClass={inactive ? 'none' : 'btn--hover'}
      onClick={() => {
        if (!inactive && props.onClick) props.onClick();
      }}
    >
      {loading ? '请稍候…' : props.children}
    </View>
  );
}
