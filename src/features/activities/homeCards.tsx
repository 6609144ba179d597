/** 首页's 志愿活动 card: what I signed up for, what I can still join, and (organisers) today's check-ins. */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { ActivityListItem } from '@core/activities/contract';
import type { HomeCards } from '@core/home';
import { formatDateTime } from '@/utils/format';
import { go } from '@/utils/nav';
import { routePaths } from '@/features/route-table';
import { ACTIVITY_ROUTES } from './routes';

const url = routePaths(ACTIVITY_ROUTES);
const open = (id: string) => go(`${url.activityDetail}?id=${encodeURIComponent(id)}`);

function Row({ a }: { a: ActivityListItem }) {
  const left = a.capacity - a.confirmed;
  return (
    <View className='row row--link home-activity' onClick={() => open(a.id)}>
      <View className='row__main'>
        <View className='row__title'>{a.title}</View>
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
        ) : left > 0 ? (
          `余${left}个名额`
        ) : (
          '可候补'
        )}
      </View>
    </View>
  );
}

export function ActivitiesCard({ cards }: { me: Me; cards: HomeCards }) {
  const d = cards.activities.ok ? cards.activities.data : undefined;
  if (!d || (!d.open.length && !d.mine.length && !d.today.length)) return null;
  return (
    <View className='card home-activities'>
      <View className='card__title' onClick={() => go(url.activityList)}>
        志愿活动 ›
      </View>
      {d.today.map((t) => (
        <View key={t.id} className='row row--link home-activity-today' onClick={() => open(t.id)}>
          <View className='row__main'>
            <View className='row__title'>今天：{t.title}</View>
          </View>
          <View className='row__side'>
            已签到 {t.checkedIn}/{t.confirmed}
          </View>
        </View>
      ))}
      {d.mine.map((a) => (
        <Row key={a.id} a={a} />
      ))}
      {d.open.map((a) => (
        <Row key={a.id} a={a} />
      ))}
    </View>
  );
}
