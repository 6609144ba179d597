/**
 * community: the community office's overview of its compounds (互看互比), read from
 * monthly snapshots that a job computes (daily `snapshots` timer, and on demand);
 * 示范创建 scorecards with 互评, 互学 cases, and the monthly report for the 街道.
 * Also the wxa_media_check push for its photos, forwarded by notices.
 */
import * as cloud from 'wx-server-sdk';
import { communityApi } from '../../core/community/contract';
import { verdictOf } from '../_shared/media';
import { createMain, timerRoute, type Ctx } from '../_shared/router';
import { communityCard } from './card';
import { featureCase, getCase, listCases, onCaseMedia, publishCase } from './cases';
import { compare, getOverview } from './overview';
import { buildReport, exportReport } from './report';
import { assess, getScorecard, listScorecards, onScorecardMedia, rate, setCriteria } from './scorecards';
import { dailySnapshots, runSnapshots } from './snapshot';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const v = verdictOf(event);
  if (await onScorecardMedia(ctx, v.traceId, v.status, v.label)) return { handled: true, status: v.status };
  if (await onCaseMedia(ctx, v.traceId, v.status, v.label)) return { handled: true, status: v.status };
  return { handled: false };
}

export const main = createMain(
  cloud,
  communityApi,
  {
    'overview.get': getOverview,
    'compare.get': compare,
    'snapshots.run': runSnapshots,
    'community.home': (ctx) => communityCard(ctx),
    'report.get': buildReport,
    'report.export': exportReport,
    'scorecards.list': listScorecards,
    'scorecards.setCriteria': setCriteria,
    'scorecards.get': getScorecard,
    'scorecards.assess': assess,
    'scorecards.rate': rate,
    'cases.publish': publishCase,
    'cases.list': listCases,
    'cases.get': getCase,
    'cases.feature': featureCase,
  },
  {
    system: [
      timerRoute('snapshots', (ctx) => dailySnapshots(ctx)),
      // WeChat pushes every verdict to one function (notices), which forwards traces it does not own.
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
    ],
  },
);
