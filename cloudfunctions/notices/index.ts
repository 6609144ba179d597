/**
 * notices: post, target, track and follow up a notice until every home knows.
 * Also receives the wxa_media_check push (set the console's message push to this
 * function), routed as a `system` event since it has no caller.
 */
import * as cloud from 'wx-server-sdk';
import deploy from './deploy.json';
import { noticesApi } from '../../core/notices/contract';
import { createMain } from '../_shared/router';
import { correctNotice, onMediaCheck, postNotice, withdrawNotice } from './post';
import { countUnread, groupOpen, listNotices, openNotice } from './read';
import { jobProgress, markTold, readSummary, remind, remindPreview, unmarkTold, unreadHomes } from './track';
import { recordGrant } from '../_shared/messaging';
import { jobsTimer } from '../_shared/jobs';
import './messages';
import { linkGroup, linkOwnersGroup } from './groups';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  noticesApi,
  {
    'notices.post': postNotice,
    'notices.correct': correctNotice,
    'notices.withdraw': withdrawNotice,
    'notices.list': listNotices,
    'notices.unreadCount': (ctx) => countUnread(ctx),
    'notices.open': openNotice,
    'notices.groupOpen': groupOpen,
    'notices.summary': readSummary,
    'notices.unreadHomes': unreadHomes,
    'notices.remind': remind,
    'notices.remindPreview': remindPreview,
    'notices.jobStatus': jobProgress,
    'notices.markTold': markTold,
    'notices.unmarkTold': unmarkTold,
    'notices.subscribe': recordGrant,
    'groups.link': linkGroup,
    'groups.linkOwners': linkOwnersGroup,
  },
  {
    system: [
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
      // The worker for reminders and emergency send-outs (trigger declared in config.json).
      jobsTimer(deploy),
    ],
  },
);
