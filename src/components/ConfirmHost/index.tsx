/** The dialog behind confirmAction(): text and buttons sized by PageShell's variables. */
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Btn from '@/components/Btn';
import { answerConfirm, currentConfirm, subscribeConfirm } from '@/store/confirm';
import './index.scss';

export default function ConfirmHost() {
  const [req, setReq] = useState(currentConfirm());
  useEffect(() => subscribeConfirm(setReq), []);
  if (!req) return null;
  return (
    <View className='confirm-mask' onClick={() => answerConfirm(false)}>
      <View className='confirm' onClick={(e) => e.stopPropagation()}>
        <View className='confirm__title'>{req.title}</View>
        {req.content ? <View className='confirm__content'>{req.content}</View> : null}
        <View className='confirm__actions'>
          <Btn type='default' className='confirm__cancel' onClick={() => answerConfirm(false)}>
            {req.cancelText ?? '取消'}
          </Btn>
          <Btn type={req.danger ? 'danger' : 'primary'} className='confirm__ok' onClick={() => answerConfirm(true)}>
            {req.confirmText ?? '确定'}
          </Btn>
        </View>
      </View>
    </View>
  );
}
