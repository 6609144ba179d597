/**
 * 我收到的提醒（演示）: on the h5 demo only, the subscribe messages the local runtime
 * "sent" to the signed-in person (a reminder, an emergency send-out), so the demo
 * shows reminders arriving. Tapping one opens the page it links to, as WeChat would.
 */
import { View } from '@tarojs/components';
import type { NOTICE_TEMPLATE_FIELDS } from '@core/notices/contract';
import { useRemote } from '@/hooks/useRemote';
import { demoOutbox } from '@/services/notices';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';

const F: typeof NOTICE_TEMPLATE_FIELDS = { title: 'thing1', author: 'thing2', time: 'time3', note: 'thing4' };

export default function DemoOutbox() {
  const outbox = useRemote(demoOutbox, [], { refreshOnShow: true });
  const list = outbox.data ?? [];
  return (
    <View className='demo-outbox'>
      <View className='section-title'>我收到的提醒（演示）</View>
      <View className='card demo-outbox__card'>
        <View className='note'>本地演示没有真的微信消息：楼栋长的提醒和紧急通知发给您的订阅消息显示在这里。</View>
        {outbox.error ? <View className='note'>{outbox.error.message}</View> : null}
        {outbox.data && list.length === 0 ? <View className='row__title demo-outbox__empty'>还没有收到提醒</View> : null}
        {list.map((m, i) => (
          <View key={`${m.at}-${i}`} className='row row--link demo-outbox__item' onClick={() => m.page && go('/' + m.page)}>
            <View className='row__main'>
              <View className='row__title demo-outbox__title'>{m.data[F.title]?.value ?? '通知提醒'}</View>
              <View className='row__sub'>
                {m.data[F.note]?.value ?? ''} · {m.data[F.author]?.value ?? ''}
              </View>
              <View className='row__sub'>收到时间：{formatDateTime(m.at)}</View>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
