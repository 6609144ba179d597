/**
 * repairs: report, dispatch, carry out and close a repair. Also the auto-close
 * timer (config.json `autoClose`) and the wxa_media_check push for repair photos
 * (routed as system events, never from a client).
 */
import * as cloud from 'wx-server-sdk';
import { repairsApi } from '../../core/repairs/contract';
import { createMain, timerRoute } from '../_shared/router';
import { recordGrant } from '../_shared/messaging';
import { logRepair, reportRepair } from './report';
import {
  acceptRepair,
  assignRepair,
  autoClose,
  cancelRepair,
  confirmRepair,
  finishRepair,
  followRepair,
  getRepair,
  mergeRepair,
  onMediaCheck,
  reopenRepair,
  setCost,
  startRepair,
  urgeRepair,
} from './flow';
import { board, compoundList, costs, homeSummary, monthlyStats, myQueue, myRepairs, places, staffOptions } from './read';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  repairsApi,
  {
    'repairs.report': reportRepair,
    'repairs.log': logRepair,
    'repairs.get': getRepair,
    'repairs.mine': myRepairs,
    'repairs.queue': myQueue,
    'repairs.list': compoundList,
    'repairs.board': board,
    'repairs.follow': followRepair,
    'repairs.accept': acceptRepair,
    'repairs.assign': assignRepair,
    'repairs.start': startRepair,
    'repairs.finish': finishRepair,
    'repairs.confirm': confirmRepair,
    'repairs.reopen': reopenRepair,
    'repairs.cancel': cancelRepair,
    'repairs.merge': mergeRepair,
    'repairs.urge': urgeRepair,
    'repairs.setCost': setCost,
    'repairs.staff': staffOptions,
    'repairs.places': (ctx) => places(ctx),
    'repairs.home': (ctx) => homeSummary(ctx),
    'repairs.stats': monthlyStats,
    'repairs.costs': costs,
    'repairs.subscribe': recordGrant,
  },
  {
    system: [
      // Needs the console's wxa_media_check push delivered here too (see STATUS: one push target today).
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
      timerRoute('autoClose', (ctx, event) => autoClose(ctx, event)),
    ],
  },
);
