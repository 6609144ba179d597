/** What an invite says when it is copied or shared into a group (pure, unit-tested). */
import type { InviteView } from '@core/accounts/contract';
import { formatDateTime } from '@/utils/format';

/** The text copied for a chat: who it is for, the code, how to use it, until when. */
export function inviteMessage(i: Pick<InviteView, 'kind' | 'code' | 'label' | 'compoundName' | 'expiresAt'>): string {
  const what = i.kind === 'staff' ? `${i.label}` : `${i.compoundName} ${i.label}`;
  return `【近邻邀请码】${what}\n邀请码：${i.code}\n打开“近邻”小程序 → 绑定房屋 → 使用邀请码，输入后直接${i.kind === 'staff' ? '加入' : '绑定'}。\n${formatDateTime(i.expiresAt)}前有效，只能使用一次。`;
}

/** The share card's title and path (opens the bind page with the code filled in). */
export function inviteShareCard(i: Pick<InviteView, 'kind' | 'code' | 'label' | 'compoundName'>, bindUrl: string) {
  return {
    title: i.kind === 'staff' ? `邀请您加入${i.compoundName}物业` : `邀请您绑定 ${i.compoundName} ${i.label}`,
    path: `${bindUrl}?code=${encodeURIComponent(i.code)}`,
  };
}
