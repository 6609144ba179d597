/** One invite code: share, copy, revoke (invites page). */
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { InviteView } from '@core/accounts/contract';
import Btn from '@/components/Btn';
import { formatDateTime } from '@/utils/format';
import { inviteMessage } from './share';

const isWeapp = process.env.TARO_ENV === 'weapp';

function copy(i: InviteView) {
  void Taro.setClipboardData({ data: inviteMessage(i) }).then(() => Taro.showToast({ title: '已复制，可粘贴到微信群', icon: 'none' }));
}

export function InviteCard(props: { invite: InviteView; fresh?: boolean; onRevoke: (i: InviteView) => void }) {
  const i = props.invite;
  return (
    <View className={`card invite-item${props.fresh ? ' invite-item--fresh' : ''}`}>
      {props.fresh ? <View className='invite-item__new'>已生成，请发给对方</View> : null}
      <View className='card__title invite-item__label'>{i.kind === 'staff' ? i.label : `${i.compoundName} ${i.label}`}</View>
      <View className='invite-item__code'>{i.code}</View>
      <View className='muted invite-item__until'>{formatDateTime(i.expiresAt)} 前有效，只能使用一次</View>
      <View className='invite-item__actions'>
        <Btn className='invite-copy' onClick={() => copy(i)}>
          复制
        </Btn>
        {isWeapp ? (
          <Button openType='share' data-code={i.code} className='btn btn--ghost invite-share'>
            分享到群
          </Button>
        ) : (
          <Btn type='ghost' className='invite-share' onClick={() => copy(i)}>
            分享到群
          </Btn>
        )}
        <Btn type='danger' className='invite-revoke' onClick={() => props.onRevoke(i)}>
          撤销
        </Btn>
      </View>
    </View>
  );
}
