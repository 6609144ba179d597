/** vehicles registers: its pages, the 挪车 card on 首页, and its 服务 / shortcut entries by permission. */
import { canAnywhere } from '@core/authz';
import { defineFeature } from '@/features/types';
import { actorOf } from '@/utils/actor';
import { routePaths } from '@/features/route-table';
import { VEHICLE_ROUTES } from './routes';
import VehiclesCard from './VehiclesCard';

const url = routePaths(VEHICLE_ROUTES);
const resident = (v: { me: { homes: unknown[] } }) => v.me.homes.length > 0;

export const vehiclesFeature = defineFeature({
  name: 'vehicles',
  routes: VEHICLE_ROUTES,
  // First on 首页: a car in the way is a matter of minutes. Only for residents and responders (no call for anyone else). Owners see alerts about their plates, leads and the property office what was forwarded, requesters their status.
  homeCards: [
    {
      key: 'vehicles',
      order: 4,
      Component: VehiclesCard,
      when: (v) => v.me.homes.length > 0 || canAnywhere(actorOf(v.me), 'vehicle.respond'),
    },
  ],
  services: [
    { key: 'move-request', label: '挪车提醒', hint: '不用留电话找车主', url: url.moveRequest, order: 110, when: resident },
    { key: 'vehicle-mine', label: '我家车辆', hint: '登记车牌', url: url.vehicleMine, order: 111, when: resident },
    { key: 'move-mine', label: '我的挪车提醒', hint: '车主处理了吗', url: url.moveMine, order: 112, when: resident },
    {
      key: 'vehicle-manage',
      label: '车辆与挪车',
      hint: '转来的提醒、车辆登记',
      url: url.vehicleManage,
      order: 113,
      permission: ['vehicle.viewAll', 'vehicle.respond', 'vehicle.stats'],
    },
  ],
  shortcuts: [{ key: 'vehicle-manage', label: '挪车待处理', url: url.vehicleManage, order: 110, permission: ['vehicle.oversee'] }],
});
