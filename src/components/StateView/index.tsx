/**
 * The one way a screen says where it stands: loading, failed (with 重试), empty,
 * or not permitted. A FORBIDDEN answer (or `denied`) is not an error: it says
 * calmly who can do this (from core/authz's table when the screen names its
 * `permission`), with no retry, because retrying will not change it.
 *
 *   <StateView {...remote.state} permission='binding.decide' permissionAction='审核绑定申请'
 *     empty={items.length === 0 && { title: '没有待审核的申请' }}>
 *     …the data…
 *   </StateView>
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import Loading from '@/components/Loading';
import type { ServiceError } from '@/services/cloud';
import { permissionMessage, type PermissionNeed } from '@/utils/permission';

export interface EmptyState {
  title: string;
  text?: string;
  action?: { label: string; onClick: () => void };
}

export interface StateViewProps {
  loading?: boolean;
  error?: ServiceError;
  onRetry?: () => void;
  /** The permission this screen needs: a refusal names the roles that hold it. */
  permission?: PermissionNeed;
  /** What it lets one do, e.g. "审核绑定申请". */
  permissionAction?: string;
  /** Known without asking: the person does not hold the permission. */
  denied?: boolean;
  empty?: EmptyState | false | null;
  loadingText?: string;
  children?: ReactNode;
}

export function EmptyView(props: EmptyState) {
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

export function PermissionView(props: { permission?: PermissionNeed; action?: string }) {
  const m = permissionMessage(props.permission, props.action);
  return (
    <View className='state state--permission'>
      <View className='state__title'>{m.title}</View>
      <View className='state__text permission-text'>{m.text}</View>
    </View>
  );
}

export function ErrorState(props: { error: ServiceError; onRetry?: () => void }) {
  return (
    <View className='state state--error'>
      <View className='state__title'>出错了</View>
      <View className='state__text error-message'>{props.error.message}</View>
      {props.onRetry ? (
        <View className='state__actions'>
          <Btn type='default' block className='state-retry' onClick={props.onRetry}>
            重试
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

export default function StateView(props: StateViewProps) {
  if (props.denied || props.error?.code === 'FORBIDDEN')
    return <PermissionView permission={props.permission} action={props.permissionAction} />;
  if (props.error) return <ErrorState error={props.error} onRetry={props.onRetry} />;
  if (props.loading) return <Loading text={props.loadingText} />;
  if (props.empty) return <EmptyView {...props.empty} />;
  return <>{props.children}</>;
}

/** 加载更多 under a paged list (usePaged), or nothing when there is no next page. */
export function LoadMore(props: {
  list: { hasMore: boolean; loadingMore: boolean; moreError?: ServiceError; loadMore: () => Promise<void> };
  className?: string;
  label?: string;
}) {
  const { list } = props;
  if (!list.hasMore) return null;
  return (
    <View className='load-more'>
      {list.moreError ? <View className='form-error load-more__error'>{list.moreError.message}</View> : null}
      <Btn loading={list.loadingMore} className={props.className} onClick={() => void list.loadMore()}>
        {props.label ?? (list.moreError ? '重试加载' : '加载更多')}
      </Btn>
    </View>
  );
}
