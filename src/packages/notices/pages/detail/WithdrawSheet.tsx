/** 撤回通知: the reason residents will see, then a confirmation (a withdrawal cannot be undone). */
import { Textarea, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@core/notices/limits';
import Btn from '@/components/Btn';
import Sheet from '@/components/Sheet';
import type { NoticeDetailPage } from './useNoticeDetailPage';

export function WithdrawSheet({ withdrawal: w }: { withdrawal: NoticeDetailPage['withdrawal'] }) {
  return (
    <Sheet open={w.open} title='撤回通知' onClose={w.close} className='withdraw-sheet'>
      <View className='field'>
        <View className='field__label'>撤回原因（住户会看到）</View>
        <Textarea
          className='field__textarea withdraw-reason'
          value={w.reason}
          placeholder='例如：时间有变，另行通知'
          maxlength={NOTICE_LIMITS.reason}
          onInput={(e) => w.setReason(e.detail.value)}
        />
        {w.error ? <View className='field__error'>{w.error}</View> : null}
      </View>
      <View className='actions'>
        <Btn onClick={w.close}>取消</Btn>
        <Btn type='danger' loading={w.busy} className='withdraw-confirm' onClick={w.confirm}>
          确认撤回
        </Btn>
      </View>
    </Sheet>
  );
}
