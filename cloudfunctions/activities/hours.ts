/** Volunteer hours per person, building and compound, by month and year; the 亮身份 ranking. */
import type { HoursPage, HoursSummary, RankingRow } from '../../core/activities/contract';
import { AppError } from '../../core/platform/errors';
import { periodOf } from '../../core/platform/time';
import { buildings, compounds } from '../_shared/directory';
import type { Ctx } from '../_shared/router';
import { partyShown } from '../_shared/party-badge';
import { manages } from './common';
import { volunteerHours } from './docs';

const yearOf = (ctx: Ctx, y?: string) => y ?? periodOf(ctx.now).slice(0, 4);

/** Totals of a building or a compound: residents of the compound and its organisers may see them (no names). */
async function mayViewCompound(ctx: Ctx, communityId: string, compoundId: string) {
  const actor = await ctx.actor();
  if (
    !actor.homes.some((h) => h.compoundId === compoundId) &&
    !manages(actor, { communityId, compoundId, buildingIds: [] }) &&
    !actor.roles.some((g) => g.compoundId === compoundId)
  )
    throw new AppError('NOT_FOUND');
}

async function byMonth(ctx: Ctx, match: object) {
  const $ = ctx.db.command.aggregate;
  const res = (await volunteerHours(ctx.db)
    .col()
    .aggregate()
    .match(match)
    .group({ _id: '$period', minutes: $.sum('$minutes'), people: $.addToSet('$personId') })
    .limit(12)
    .end()) as {
    list: { _id: string; minutes: number; people: string[] }[];
  };
  const months = res.list.map((r) => ({ period: r._id, minutes: r.minutes })).sort((x, y) => x.period.localeCompare(y.period));
  return { months, total: months.reduce((n, m) => n + m.minutes, 0), volunteers: new Set(res.list.flatMap((r) => r.people)).size };
}

export async function hours(
  ctx: Ctx,
  input: { scope: 'me' | 'building' | 'compound'; buildingId?: string; compoundId?: string; year?: string },
): Promise<HoursSummary> {
  const year = yearOf(ctx, input.year);
  const actor = await ctx.actor();
  if (input.scope === 'me') {
    if (!actor.personId) throw new AppError('NOT_REGISTERED');
    const rows = (await volunteerHours(ctx.db).find({ personId: actor.personId }, { limit: 1000 })).filter((r) => r.year === year);
    const months = new Map<string, number>();
    for (const r of rows) months.set(r.period, (months.get(r.period) ?? 0) + r.minutes);
    return {
      scope: 'me',
      label: '我的志愿时长',
      year,
      totalMinutes: rows.reduce((n, r) => n + r.minutes, 0),
      months: [...months].sort().map(([period, minutes]) => ({ period, minutes })),
      items: rows
        .sort((x, y) => y.period.localeCompare(x.period))
        .map((r) => ({ activityId: r.activityId, title: r.title, period: r.period, minutes: r.minutes, corrected: r.corrected })),
    };
  }
  if (input.scope === 'building') {
    if (!input.buildingId) throw new AppError('BAD_REQUEST', '请选择楼栋');
    const b = await buildings(ctx.db).get(input.buildingId);
    if (!b) throw new AppError('NOT_FOUND');
    await mayViewCompound(ctx, b.communityId, b.compoundId);
    const m = await byMonth(ctx, { buildingId: b._id, year });
    return { scope: 'building', label: `${b.name}志愿时长`, year, totalMinutes: m.total, months: m.months, volunteers: m.volunteers };
  }
  if (!input.compoundId) throw new AppError('BAD_REQUEST', '请选择小区');
  const c = await compounds(ctx.db).get(input.compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  await mayViewCompound(ctx, c.communityId, c._id);
  const m = await byMonth(ctx, { compoundId: c._id, year });
  return { scope: 'compound', label: `${c.name}志愿时长`, year, totalMinutes: m.total, months: m.months, volunteers: m.volunteers };
}

const RANKED = 20;
/** Only party members who chose to show it (亮身份) are ranked by name; nobody else's hours are shown by name. */
export async function ranking(ctx: Ctx, input: { compoundId: string; year?: string }): Promise<{ year: string; rows: RankingRow[] }> {
  const year = yearOf(ctx, input.year);
  const c = await compounds(ctx.db).get(input.compoundId);
  if (!c) throw new AppError('NOT_FOUND');
  await mayViewCompound(ctx, c.communityId, c._id);
  const $ = ctx.db.command.aggregate;
  const res = (await volunteerHours(ctx.db)
    .col()
    .aggregate()
    .match({ compoundId: c._id, year, partyBadge: true })
    .group({ _id: '$personId', minutes: $.sum('$minutes'), name: $.first('$name') })
    .sort({ minutes: -1, _id: 1 })
    .limit(RANKED * 2)
    .end()) as { list: { _id: string; minutes: number; name: string }[] };
  // Hours keep the flag they were credited with; whoever has withdrawn 亮身份 since is not named.
  const shown = await partyShown(
    ctx.db,
    res.list.map((r) => r._id),
  );
  const rows = res.list.filter((r) => shown.has(r._id)).slice(0, RANKED);
  return { year, rows: rows.map((r, i) => ({ rank: i + 1, name: r.name, minutes: r.minutes, partyBadge: true })) };
}

/** The 志愿时长 page in one round trip: the four reads it showed with four calls before. */
export async function hoursPage(ctx: Ctx, input: { year?: string }): Promise<HoursPage> {
  const actor = await ctx.actor();
  const home = actor.homes[0];
  const [mine, building, compound, ranked] = await Promise.all([
    hours(ctx, { scope: 'me', year: input.year }),
    home ? hours(ctx, { scope: 'building', buildingId: home.buildingId, year: input.year }) : null,
    home ? hours(ctx, { scope: 'compound', compoundId: home.compoundId, year: input.year }) : null,
    home ? ranking(ctx, { compoundId: home.compoundId, year: input.year }) : null,
  ]);
  return { mine, building, compound, ranking: ranked };
}
