/**
 * party: the compound's party branch — 包联 and 走访, 双亮双争, 好邻居 / 好家庭 评选,
 * the branch's own book, the three-level structure, the roster (党员名册). Also the daily `retention` timer
 * (config.json: visit notes deleted a year after the visit, monthly counts kept).
 */
import * as cloud from 'wx-server-sdk';
import { partyApi } from '../../core/party/contract';
import { createMain, timerRoute } from '../_shared/router';
import { assign, assignPage, linkConcern, logVisit, mine, reports, retention } from './households';
import { accept, get, list, nominate, open, publish, startVoting, vote } from './selections';
import { approveExpense, book, bookIncome, proposeExpense, verify } from './book';
import { home, structure } from './structure';
import { members, saveMember } from './roster';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  partyApi,
  {
    'party.mine': (ctx) => mine(ctx),
    'party.assignPage': assignPage,
    'party.assign': assign,
    'party.visit': logVisit,
    'party.linkConcern': linkConcern,
    'party.reports': reports,
    'party.selections': list,
    'party.selection': get,
    'party.openSelection': open,
    'party.nominate': nominate,
    'party.accept': accept,
    'party.vote': vote,
    'party.startVoting': startVoting,
    'party.publish': publish,
    'party.book': book,
    'party.bookIncome': bookIncome,
    'party.proposeExpense': proposeExpense,
    'party.approveExpense': approveExpense,
    'party.verify': verify,
    'party.structure': structure,
    'party.home': (ctx) => home(ctx),
    'party.members': members,
    'party.saveMember': saveMember,
  },
  { system: [timerRoute('retention', (ctx, event) => retention(ctx, event))] },
);
