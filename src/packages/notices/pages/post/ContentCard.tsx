/** The notice's text: title and body with their counts, the category, 置顶, and the last day it shows. */
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@core/notices/limits';
import { NOTICE_CATEGORIES } from '@core/notices/rules';
import Choice from '@/components/Choice';
import { charCount } from '@/utils/text';
import type { PostErrors } from '../../logic';
import { CountLabel } from './CountLabel';
import { SwitchRow } from './SwitchRow';
import type { PostNoticePage } from './usePostNoticePage';

export function ContentCard({ content: c, errors, today }: { content: PostNoticePage['content']; errors: PostErrors; today: string }) {
  return (
    <View className='card'>
      <View className='field'>
        <CountLabel label='标题' count={charCount(c.title)} max={NOTICE_LIMITS.title} />
        <Input
          className='field__input post-title'
          value={c.title}
          placeholder='例如：3栋明日上午停水'
          maxlength={NOTICE_LIMITS.title}
          onInput={(e) => c.setTitle(e.detail.value)}
        />
        {errors.title ? <View className='field__error'>{errors.title}</View> : null}
      </View>
      <View className='field'>
        <CountLabel label='正文' count={charCount(c.body)} max={NOTICE_LIMITS.body} />
        <Textarea
          className='field__textarea post-body'
          value={c.body}
          placeholder='写清楚时间、地点、要做什么，方便老人看懂'
          maxlength={NOTICE_LIMITS.body}
          onInput={(e) => c.setBody(e.detail.value)}
        />
        {errors.body ? <View className='field__error'>{errors.body}</View> : null}
      </View>
      <View className='field'>
        <View className='field__label'>类别</View>
        <Choice
          className='post-categories'
          columns={3}
          options={NOTICE_CATEGORIES.map((x) => ({ value: x, label: x }))}
          value={c.category}
          onChange={(x) => c.setCategory(x)}
        />
        {c.category === '紧急' ? <View className='note post-urgent-note'>紧急通知会醒目显示，并立即提醒所有订阅了提醒的住户。</View> : null}
      </View>
      <SwitchRow switchClassName='post-pinned' title='置顶' hint='置顶的通知排在最前面' checked={c.pinned} onChange={c.setPinned} />
      <View className='post-row'>
        <View className='post-row__main'>
          <View className='post-row__title'>截止日期</View>
          <View className='muted'>过了这一天不再显示；不填则一直显示</View>
        </View>
        <Picker mode='date' value={c.expiresOn || today} start={today} onChange={(e) => c.setExpiresOn(String(e.detail.value))}>
          <View className={`post-date${c.expiresOn ? '' : ' post-date--empty'}`}>{c.expiresOn || '选择日期'}</View>
        </Picker>
        {c.expiresOn ? (
          <View className='post-date__clear' onClick={() => c.setExpiresOn('')}>
            清除
          </View>
        ) : null}
      </View>
      {errors.expiresOn ? <View className='field__error'>{errors.expiresOn}</View> : null}
    </View>
  );
}
