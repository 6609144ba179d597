/**
 * The seam through which the party branch's 亮作为 reads what other features recorded
 * about one person, as counts (like compound-figures.ts for the community overview):
 * each reader names the feature that owns the collection and touches only the fields
 * listed here; a feature that changes one of them changes this file.
 * - activities: the minutes `volunteerHours` holds for the person — what activities
 *   credited (inside the activity's window, corrections applied); nothing re-derived here.
 * - notices: the homes the person marked 已当面告知 (noticeHomeReads.toldBy; an undone
 *   mark sets told false or removes the row, so it stops counting).
 * - concerns: the concerns whose current answer the person gave (concerns.answeredBy,
 *   answeredAt; a reopened concern answered again by someone else moves to them).
 * Each is a per-person indexed read with a limit or a count: the same cost at any size.
 */
import type { Database } from './database';
import { repository } from './repo';

/** activities (index person_period) */
interface HoursRow {
  _id: string;
  personId: string;
  period: string;
  year: string;
  minutes: number;
}
const volunteerHours = repository<HoursRow>('volunteerHours');
/** notices (index told_by) */
interface ToldRow {
  _id: string;
  toldBy?: string;
  told: boolean;
  toldAt?: Date;
}
const noticeHomeReads = repository<ToldRow>('noticeHomeReads');
/** concerns (index answered_by) */
interface AnsweredRow {
  _id: string;
  answeredBy: string | null;
  answeredAt: Date | null;
}
const concerns = repository<AnsweredRow>('concerns');

/** Volunteer minutes credited to the person in a Shanghai year ("2026"). */
export async function creditedMinutes(db: Database, personId: string, year: string): Promise<number> {
  const rows = await volunteerHours(db).find({ personId }, { limit: 1000, fields: { year: true, minutes: true } });
  return rows.filter((r) => r.year === year).reduce((n, r) => n + (r.minutes ?? 0), 0);
}

/** Volunteer minutes credited to the person in the given Shanghai months ("2026-10", …). */
export async function creditedMinutesIn(db: Database, personId: string, periods: string[]): Promise<number> {
  const rows = await volunteerHours(db).find({ personId, period: db.command.in(periods) }, { limit: 1000, fields: { minutes: true } });
  return rows.reduce((n, r) => n + (r.minutes ?? 0), 0);
}

/** Homes the person told a notice in person since `since` (one per notice and home). */
export async function toldInPerson(db: Database, personId: string, since: Date): Promise<number> {
  return noticeHomeReads(db).count({ toldBy: personId, told: true, toldAt: db.command.gte(since) });
}

/** Concerns the person answered since `since` (their answer is the current one). */
export async function concernsAnswered(db: Database, personId: string, since: Date): Promise<number> {
  return concerns(db).count({ answeredBy: personId, answeredAt: db.command.gte(since) });
}
