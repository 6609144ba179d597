/**
 * vehicles: a home's plates and 挪车 requests. Also the daily retention timer
 * (config.json `retention`: requests deleted after 30 days, counts kept) and the
 * wxa_media_check push for request photos (forwarded by notices; routed as system
 * events, never from a client).
 */
import * as cloud from 'wx-server-sdk';
import { vehiclesApi } from '../../core/vehicles/contract';
import { createMain, timerRoute } from '../_shared/router';
import { recordGrant } from '../_shared/messaging';
import { addVehicle, mine, register, removeVehicle } from './plates';
import { getMove, handleMove, onMediaCheck, reportMove, requestMove, resolveMove, retention, unreachableMove } from './move';
import { communityStats, home, myRequests, queue, repeatRequesters, stats } from './read';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  vehiclesApi,
  {
    'vehicles.mine': (ctx) => mine(ctx),
    'vehicles.add': addVehicle,
    'vehicles.remove': removeVehicle,
    'vehicles.register': register,
    'vehicles.request': requestMove,
    'vehicles.get': getMove,
    'vehicles.myRequests': myRequests,
    'vehicles.handle': handleMove,
    'vehicles.unreachable': unreachableMove,
    'vehicles.resolve': resolveMove,
    'vehicles.report': reportMove,
    'vehicles.queue': queue,
    'vehicles.repeat': repeatRequesters,
    'vehicles.stats': stats,
    'vehicles.communityStats': communityStats,
    'vehicles.home': (ctx) => home(ctx),
    'vehicles.subscribe': recordGrant,
  },
  {
    system: [
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
      timerRoute('retention', (ctx, event) => retention(ctx, event)),
    ],
  },
);
