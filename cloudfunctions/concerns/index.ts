/**
 * concerns: 民情 (raise, answer or convert, rate, 我也关心, merge) and the 议事厅
 * (征集 → 通报 → 协商 → 公示 → 实施 → 反馈). Also the hourly sweep (config.json
 * `hourly`: escalation past the compound's days, 解决了吗？ after two weeks, and the
 * jobs it queued) and the wxa_media_check push for its photos — both system
 * events, never from a client. No every-minute timer: a job is kicked when queued
 * and the hourly sweep finishes what is left.
 */
import * as cloud from 'wx-server-sdk';
import { concernsApi } from '../../core/concerns/contract';
import { verdictOf } from '../_shared/media';
import { recordGrant } from '../_shared/messaging';
import { work } from '../_shared/jobs';
import { createMain, timerRoute, type Ctx } from '../_shared/router';
import {
  answerConcern,
  convertConcern,
  followConcern,
  getConcern,
  mergeConcern,
  onConcernMedia,
  raiseConcern,
  raiseFor,
  rateConcern,
  sweep,
} from './concern';
import { board, exportMonth, getSettings, home, myConcerns, places, queue, setSettings, statsPage } from './read';
import {
  addTask,
  advanceTopic,
  commentTopic,
  getTopic,
  linkTask,
  listTopics,
  objectTopic,
  onTopicMedia,
  proposeTopic,
  rateTopic,
} from './topics';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

async function hourly(ctx: Ctx, event: Record<string, unknown>) {
  // The occurrence being fired: on the emulator's clock a test jumps days ahead.
  const t = typeof event.Time === 'string' ? new Date(event.Time) : new Date();
  const now = Number.isNaN(t.getTime()) ? new Date() : t;
  const swept = await sweep({ ...ctx, now }, now);
  const jobs = await work(ctx, { budgetMs: 8_000 });
  return { ...swept, jobs: jobs.jobs.length };
}

async function onMediaCheck(ctx: Ctx, event: Record<string, unknown>) {
  const v = verdictOf(event);
  if (await onConcernMedia(ctx, v.traceId, v.status, v.label)) return { handled: true, status: v.status };
  if (await onTopicMedia(ctx, v.traceId, v.status, v.label)) return { handled: true, status: v.status };
  return { handled: false };
}

export const main = createMain(
  cloud,
  concernsApi,
  {
    'concerns.raise': raiseConcern,
    'concerns.raiseFor': raiseFor,
    'concerns.get': getConcern,
    'concerns.mine': myConcerns,
    'concerns.queue': queue,
    'concerns.board': board,
    'concerns.follow': followConcern,
    'concerns.answer': answerConcern,
    'concerns.convert': convertConcern,
    'concerns.rate': rateConcern,
    'concerns.merge': mergeConcern,
    'concerns.places': (ctx) => places(ctx),
    'concerns.home': (ctx) => home(ctx),
    'concerns.settings': getSettings,
    'concerns.setSettings': setSettings,
    'concerns.stats': statsPage,
    'concerns.export': exportMonth,
    'concerns.subscribe': recordGrant,
    'topics.propose': (ctx, input) => proposeTopic(ctx, input),
    'topics.get': getTopic,
    'topics.list': listTopics,
    'topics.comment': commentTopic,
    'topics.object': objectTopic,
    'topics.advance': advanceTopic,
    'topics.addTask': addTask,
    'topics.linkTask': linkTask,
    'topics.rate': rateTopic,
  },
  {
    system: [
      // WeChat pushes every verdict to one function (notices), which forwards traces it does not own.
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
      timerRoute('hourly', hourly),
    ],
  },
);
