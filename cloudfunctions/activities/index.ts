/**
 * activities: volunteer activities (接龙 sign-up, waitlist, check-in, hours) and
 * neighbour service teams. Timers: `remind` (daily, the day-before reminders) and
 * `jobs` (the worker for reminders and promotion messages).
 */
import * as cloud from 'wx-server-sdk';
import deploy from './deploy.json';
import { activitiesApi } from '../../core/activities/contract';
import { jobsTimer } from '../_shared/jobs';
import { recordGrant } from '../_shared/messaging';
import { createMain, timerRoute } from '../_shared/router';
import { checkIn, checkinCode, checkOut, correctHours, exportSignups, mark } from './checkin';
import { hours, hoursPage, ranking } from './hours';
import { cancelActivity, createActivity, getActivity, homeActivities, listActivities, onMediaCheck } from './manage';
import { remindTomorrow } from './reminders';
import { askHelp, closeHelp, listHelp, listVolunteers, register, saveTeam, serviceMe, servicePage, takeHelp } from './service';
import { cancelSignUp, signUp } from './signup';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const main = createMain(
  cloud,
  activitiesApi,
  {
    'activities.create': createActivity,
    'activities.list': listActivities,
    'activities.home': (ctx) => homeActivities(ctx),
    'activities.get': getActivity,
    'activities.signUp': signUp,
    'activities.cancel': cancelSignUp,
    'activities.cancelActivity': cancelActivity,
    'activities.checkinCode': checkinCode,
    'activities.checkIn': checkIn,
    'activities.checkOut': checkOut,
    'activities.mark': mark,
    'activities.correctHours': correctHours,
    'activities.export': exportSignups,
    'activities.hours': hours,
    'activities.ranking': ranking,
    'activities.hoursPage': hoursPage,
    'activities.subscribe': recordGrant,
    'service.register': register,
    'service.me': (ctx) => serviceMe(ctx),
    'service.page': (ctx) => servicePage(ctx),
    'service.volunteers': listVolunteers,
    'service.saveTeam': saveTeam,
    'help.ask': askHelp,
    'help.list': listHelp,
    'help.take': takeHelp,
    'help.close': closeHelp,
  },
  {
    system: [
      timerRoute('remind', (ctx) => remindTomorrow(ctx)),
      jobsTimer(deploy),
      // Activity photos' verdicts, forwarded by notices (the console's one wxa_media_check push target).
      { name: 'wxa_media_check', match: (e) => e.Event === 'wxa_media_check' && typeof e.trace_id === 'string', handle: onMediaCheck },
    ],
  },
);
