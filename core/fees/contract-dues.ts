/**
 * fees, arrears follow-up: reminders by subscribe message to homes with unpaid
 * bills, and the six-monthly published list of whether each committee member has
 * paid. Spread into `feesApi` by contract.ts.
 */
import { z } from 'zod';
import { action, clientRequestId, id, type ActionSpec } from '../platform/api';
import type { JobView } from '../platform/jobs';
import { HALF, type DuesState } from './dues';
import { BILL_TEMPLATE_ID } from './templates';

const half = z.string().regex(HALF, '半年格式应为 2026H1（上半年）或 2026H2（下半年）');

// ---- views ----

/** Before the tap: who a reminder can reach now. */
export interface RemindPreviewView {
  compoundId: string;
  compoundName: string;
  buildingId: string | null;
  /** "3栋" or "全小区" */
  scopeLabel: string;
  /** Homes with an unpaid bill of a month before this one. */
  homesInArrears: number;
  arrearsFen: number;
  arrears: string;
  /** Of those, reminded in the last 7 days: not again yet. */
  remindedRecently: number;
  /** Homes this reminder is for (in arrears and not reminded in the last 7 days). */
  homes: number;
  /** People of those homes who use the app. */
  people: number;
  /** Of those, who granted a bill message and were not messaged in the last 7 days: the reminder reaches them. */
  withGrant: number;
  /** Homes where someone will get the message. */
  homesWithGrant: number;
  /** Homes to tell in person or by phone (nobody of them can get a message). */
  tellInPerson: number;
  /** Those homes (the first 300): room, the register's owner name masked, what is overdue. */
  visitList: { homeId: string; label: string; name: string; arrears: string; months: number }[];
  /** "可以微信提醒 12 人，另有 30 户需要上门或电话告知；5 户近7天已提醒过" */
  summary: string;
}

export interface DuesMemberView {
  name: string;
  roleLabel: string;
  homes: string[];
  state: DuesState;
  /** 已缴清 / 欠 2 个月 356.40元 / 无账单 / 未登记房屋 */
  label: string;
  months: number;
  owingFen: number;
}

export interface CommitteeDuesView {
  compoundId: string;
  compoundName: string;
  half: string;
  halfLabel: string;
  /** published: the frozen list; live: today's state (only for the people who keep the books); hidden: not published yet. */
  source: 'published' | 'live' | 'hidden';
  published: boolean;
  publishedAt?: string;
  publishedByName?: string;
  halfEnded: boolean;
  members: DuesMemberView[];
  /** The committee may publish it now (the half has ended, not published yet). */
  canPublish: boolean;
  /** The halves to pick from, newest first, and whether each is published. */
  halves: { half: string; label: string; published: boolean }[];
}

/** After wx.requestSubscribeMessage: one accepted tap = one bill message. */
const subscribe = z.strictObject({ templateId: z.literal(BILL_TEMPLATE_ID), accepted: z.boolean() });

export const DUES_ACTIONS = {
  /** Before 催缴提醒: homes in arrears, people who use the app, who granted a message, homes to tell in person. */
  'fees.remindPreview': action(z.strictObject({ compoundId: id, buildingId: id.optional() })).returns<RemindPreviewView>(),
  /** Message the people of homes in arrears who granted a bill message (a job; follow it with fees.jobStatus). */
  'fees.remind': action(z.strictObject({ clientRequestId, compoundId: id, buildingId: id.optional() })).returns<JobView>(),
  /** 欠费时提醒我: record a tap on the bill-message prompt. */
  'fees.subscribe': action(subscribe).returns<{ templateId: string; remaining: number }>(),
  /** The committee members' payment list of a half-year: published for residents; live too for the people who keep the books. */
  'fees.committeeDues': action(z.strictObject({ compoundId: id, half })).returns<CommitteeDuesView>(),
  /** Publish (freeze) a half-year's list once it has ended; publishing again keeps the first. */
  'fees.publishCommitteeDues': action(
    z.strictObject({ clientRequestId: clientRequestId.optional(), compoundId: id, half }),
  ).returns<CommitteeDuesView>(),
} satisfies Record<string, ActionSpec>;
