/**
 * 首页's 挪车 card, from the 首页's one call (home.get → vehicles' card loader): an alert when someone asked my
 * household to move a car (never who asked), the requests forwarded to me as a
 * building lead or the property office, and the status of my own requests.
 * Nothing when there is nothing to show. Styles are inline (the main package
 * carries no feature stylesheet).
 */
import { View } from '@tarojs/components';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import type { MoveHome } from '@core/vehicles/contract';
import { routePaths } from '@/features/route-table';
import { go } from '@/utils/nav';
import { formatDateTime } from '@/utils/format';
import { VEHICLE_ROUTES } from './routes';

const url = routePaths(VEHICLE_ROUTES);
const RED = '#b42318';
const BLUE = { color: '#1d5fbf' };
const MORE = { color: '#1d5fbf', minHeight: '44px', display: 'flex', alignItems: 'center' };
const open = (id: string) => go(`${url.moveDetail}?id=${encodeURIComponent(id)}`);

export default function VehiclesCard({ cards }: { me: Me; cards: HomeCards }) {
  const d: MoveHome | undefined = cards.vehicles.ok ? cards.vehicles.data : undefined;
  if (!d) return null;
  const shown = [];
  if (d.alerts.length) {
    shown.push(
      <View key='alerts' className='card vehicle-card vehicle-card--alert' style={{ borderLeft: `8px solid ${RED}` }}>
        <View className='card__title' style={{ color: RED }}>
          有邻居提醒您挪车
        </View>
        {d.alerts.map((a) => (
          <View key={a.id} className='row row--link vehicle-card__alert' onClick={() => open(a.id)}>
            <View className='row__main'>
              <View className='row__title'>
                {a.plateLabel} · {a.reason}
              </View>
              <View className='row__sub'>
                {a.note ? `${a.note} · ` : ''}
                {formatDateTime(a.createdAt)}
              </View>
            </View>
            <View className='row__side' style={{ color: RED, fontWeight: 600 }}>
              去处理
            </View>
          </View>
        ))}
      </View>,
    );
  }
  if (d.queueCount > 0) {
    shown.push(
      <View key='queue' className='card vehicle-card vehicle-card--queue'>
        <View className='card__title'>转来的挪车提醒 {d.queueCount} 条</View>
        {d.queue.map((q) => (
          <View key={q.id} className='row row--link vehicle-card__queue' onClick={() => open(q.id)}>
            <View className='row__main'>
              <View className='row__title'>
                {q.plateLabel} · {q.reason}
              </View>
              <View className='row__sub'>{q.homeLabel ? `车主：${q.homeLabel}` : '未登记的车牌'}</View>
            </View>
            <View className='row__side' style={BLUE}>
              {q.statusLabel}
            </View>
          </View>
        ))}
        <View className='vehicle-card__more' style={MORE} onClick={() => go(url.vehicleManage)}>
          全部转来的提醒 ›
        </View>
      </View>,
    );
  }
  if (d.mine.length) {
    shown.push(
      <View key='mine' className='card vehicle-card vehicle-card--mine'>
        <View className='card__title'>我的挪车提醒</View>
        {d.mine.map((m) => (
          <View key={m.id} className='row row--link vehicle-card__mine' onClick={() => open(m.id)}>
            <View className='row__main'>
              <View className='row__title'>
                {m.plateMasked} · {m.reason}
              </View>
              <View className='row__sub'>{formatDateTime(m.createdAt)}</View>
            </View>
            <View className='row__side vehicle-card__status' style={BLUE}>
              {m.statusLabel}
            </View>
          </View>
        ))}
      </View>,
    );
  }
  return shown.length ? <View>{shown}</View> : null;
}
