/** 志愿活动: what I can join, what I signed up for, what I organise. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import PageShell from '@/components/PageShell';
import StateView from '@/components/StateView';
import Choice from '@/components/Choice';
import { useRemote } from '@/hooks/useRemote';
import { api } from '@/services/cloud';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { ACTIVITY_ROUTES } from '@/features/activities/routes';
import '@/packages/activities/common.scss';

const url = routePaths(ACTIVITY_ROUTES);
type Box = 'open' | 'mine' | 'organised';

export default function ActivityListPage() {
  const [box, setBox] = useState<Box>('open');
  const list = useRemote(() => api('activities').call('activities.list', { box, size: 30 }), [box], { refreshOnShow: true });
  const items = list.data?.items ?? [];
  return (
    <PageShell className='act-list-page'>
      <Choice
        className='act-tabs'
        columns={3}
        value={box}
        onChange={setBox}
        options={[
          { value: 'open', label: '可报名' },
          { value: 'mine', label: '我报名的' },
          { value: 'organised', label: '我组织的' },
        ]}
      />
      <StateView {...list.state} empty={items.length === 0 && { title: box === 'open' ? '近期没有可报名的活动' : '还没有活动' }}>
        <View className='card'>
          {items.map((a) => (
            <View key={a.id} className='row row--link act-item' onClick={() => go(`${url.activityDetail}?id=${encodeURIComponent(a.id)}`)}>
              <View className='row__main'>
                <View className='row__title'>
                  {a.title}
                  {a.partyOnly ? '（限党员）' : ''}
                </View>
                <View className='row__sub muted'>
                  {formatDateTime(a.startAt)} · {a.place}
                </View>
              </View>
              <View className='row__side'>
                {a.cancelled ? (
                  <View className='tag tag--urgent'>已取消</View>
                ) : a.mine ? (
                  a.mine.status === 'confirmed' ? (
                    '已报名'
                  ) : (
                    `候补第${a.mine.position}`
                  )
                ) : (
                  `${a.confirmed}/${a.capacity}${a.waiting ? ` 候补${a.waiting}` : ''}`
                )}
              </View>
            </View>
          ))}
        </View>
      </StateView>
    </PageShell>
  );
}
