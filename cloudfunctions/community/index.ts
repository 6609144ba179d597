/**
 * community: the community office's overview of its compounds (互看互比), read from
 * monthly snapshots that a job computes (daily `snapshots` timer, and on demand).
 */
import * as cloud from 'wx-server-sdk';
import { communityApi } from '../../core/community/contract';
import { createMain, timerRoute } from '../_shared/router';
import { compare, getOverview } from './overview';
import { dailySnapshots, runSnapshots } from './snapshot';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  communityApi,
  {
    'overview.get': getOverview,
    'compare.get': compare,
    'snapshots.run': runSnapshots,
  },
  { system: [timerRoute('snapshots', (ctx) => dailySnapshots(ctx))] },
);
