/**
 * votes: owners' votes (表决事项) from the announcement to the published result,
 * counted by core/votes/count.ts. Reminders run as a job (`jobs` timer trigger).
 */
import * as cloud from 'wx-server-sdk';
import deploy from './deploy.json';
import { votesApi } from '../../core/votes/contract';
import { createMain } from '../_shared/router';
import { recordGrant } from '../_shared/messaging';
import { jobsTimer } from '../_shared/jobs';
import {
  announceMatter,
  closeMatter,
  createMatter,
  finalizeMatter,
  getMatter,
  getSettings,
  listMatters,
  rebuildRoll,
  setSettings,
} from './matters';
import { castBallot, paperBallot, paperList } from './ballots';
import { exportResults, listRoll, listUnvoted, reminderStatus, remind, results } from './track';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  votesApi,
  {
    'matters.create': createMatter,
    'matters.announce': announceMatter,
    'matters.list': listMatters,
    'matters.get': getMatter,
    'roll.list': listRoll,
    'roll.rebuild': rebuildRoll,
    'ballots.cast': castBallot,
    'ballots.paper': paperBallot,
    'ballots.paperList': paperList,
    'matters.unvoted': listUnvoted,
    'matters.remind': remind,
    'matters.jobStatus': reminderStatus,
    'matters.close': closeMatter,
    'matters.finalize': finalizeMatter,
    'matters.results': results,
    'matters.export': exportResults,
    'settings.get': getSettings,
    'settings.set': setSettings,
    'votes.subscribe': recordGrant,
  },
  { system: [jobsTimer(deploy)] },
);
