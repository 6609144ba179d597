/** A correction's own fields: the note residents see, and whether everyone must read it again (the counts restart). */
import { Textarea, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { SwitchRow } from './SwitchRow';
import type { PostNoticePage } from './usePostNoticePage';

export function CorrectionCard({ correction: c }: { correction: PostNoticePage['correction'] }) {
  return (
    <View className='card'>
      <View className='field'>
        <View className='field__label'>
          更正说明<View className='field__optional'>选填，住户会看到</View>
        </View>
        <Textarea
          className='field__textarea post-note'
          value={c.note}
          placeholder='例如：停水时间改为下午2点'
          maxlength={NOTICE_LIMITS.reason}
          onInput={(e) => c.setNote(e.detail.value)}
        />
      </View>
      <SwitchRow
        className='post-mustread'
        switchClassName='post-mustread-switch'
        title='需要大家重新阅读'
        hint={
          c.mustReread
            ? '已读和已当面告知将从零开始统计，请重新提醒各户'
            : '不勾选：已读过或已当面告知的住户仍算已知晓（适合改错字等小更正）'
        }
        checked={c.mustReread}
        onChange={c.setMustReread}
      />
    </View>
  );
}
