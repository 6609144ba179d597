/**
 * Reporting: a resident for their home or a common area of their compound; the
 * property on a resident's behalf or from patrol. Nothing is written before the
 * text passed msgSecCheck; photos are checked asynchronously (mediaCheckAsync) and
 * shown only to the repair's own parties until their verdict arrives — a burst
 * pipe never waits for an image review.
 */
import { createHash } from 'node:crypto';
import type { RepairDetail, RepairWhere } from '../../core/repairs/contract';
import { REPAIR_FILES } from '../../core/repairs/contract';
import { AppError } from '../../core/platform/errors';
import { can, livesIn } from '../../core/authz';
import { COMMON_AREA_LABELS, deadlines, onBoard, type CommonArea, type RepairCategory } from '../../core/repairs/rules';
import { ROLE_LABELS, type Actor } from '../../core/platform/roles';
import { periodOf } from '../../core/platform/time';
import type { Ctx } from '../_shared/router';
import { checkText as checkTextOnce, startMediaChecks } from '../_shared/media';
import { buildings, compounds, homes, requirePerson, targetOf } from '../_shared/directory';
import { assertOwnFiles } from '../_shared/files';
import { FOREVER, repairs, type RepairDoc, type RepairMedia } from './docs';
import { detailView } from './views';

/** msgSecCheck v2 scene: 2 评论 is closest to a repair request. */
export const SEC_SCENE = 2;

export function repairIdFor(personId: string, clientRequestId: string): string {
  return 'r' + createHash('sha256').update(`${personId}\n${clientRequestId}`).digest('hex').slice(0, 31);
}

/** "物业经理" / "物业员工" / "住户": how someone is shown on a repair of this compound. */
export function roleLabelIn(actor: Pick<Actor, 'roles'>, compoundId: string): string {
  for (const r of ['propertyManager', 'staff', 'committeeMember', 'communityAdmin'] as const) {
    if (actor.roles.some((g) => g.role === r && (g.compoundId === compoundId || r === 'communityAdmin'))) return ROLE_LABELS[r];
  }
  return ROLE_LABELS.resident;
}

/** msgSecCheck on what people typed. Throws CONTENT_REJECTED; writes nothing. */
export const checkText = (ctx: Ctx, content: string) =>
  checkTextOnce(ctx, content, { scene: SEC_SCENE, rejected: '描述或备注未通过安全检测，请修改后再提交' });

/** Start the asynchronous check of each photo; verdicts arrive by the wxa_media_check push. */
export async function checkImages(ctx: Ctx, fileIDs: string[]): Promise<RepairMedia[]> {
  return startMediaChecks(ctx, fileIDs, SEC_SCENE);
}

interface Place {
  communityId: string;
  compoundId: string;
  compoundName: string;
  buildingId: string | null;
  homeId: string | null;
  scope: 'home' | 'common';
  area: CommonArea | null;
  place: string | null;
  placeLabel: string;
}

/** Where the repair is, from the database; refused when it is not the caller's to report. */
async function resolvePlace(ctx: Ctx, actor: Actor, w: RepairWhere & { place?: string }, mode: 'resident' | 'log'): Promise<Place> {
  if (w.kind === 'home') {
    const home = await homes(ctx.db).get(w.homeId);
    // Someone else's home does not exist for a resident.
    if (!home) throw new AppError('NOT_FOUND', '房屋不存在');
    if (mode === 'resident' && !actor.homes.some((h) => h.homeId === home._id)) throw new AppError('NOT_FOUND', '房屋不存在');
    if (mode === 'log' && !can(actor, 'repair.log', targetOf(home))) throw new AppError('FORBIDDEN', '只能为本小区的住户登记报修');
    return {
      communityId: home.communityId,
      compoundId: home.compoundId,
      compoundName: home.compoundName,
      buildingId: home.buildingId,
      homeId: home._id,
      scope: 'home',
      area: null,
      place: null,
      placeLabel: `${home.compoundName} ${home.label}`,
    };
  }
  const compound = await compounds(ctx.db).get(w.compoundId);
  if (!compound) throw new AppError('NOT_FOUND', '小区不存在');
  const target = { communityId: compound.communityId, compoundId: compound._id };
  if (mode === 'resident' && !livesIn(actor, target)) throw new AppError('FORBIDDEN', '只能报修自己所住小区的公共区域');
  if (mode === 'log' && !can(actor, 'repair.log', target)) throw new AppError('FORBIDDEN', '只能登记本小区的报修');
  let buildingName = '';
  if (w.buildingId) {
    const b = await buildings(ctx.db).get(w.buildingId);
    if (!b || b.compoundId !== compound._id) throw new AppError('NOT_FOUND', '楼栋不存在');
    buildingName = b.name;
  }
  const label = [compound.name, buildingName, COMMON_AREA_LABELS[w.area], w.place ?? ''].filter(Boolean).join(' ');
  return {
    communityId: compound.communityId,
    compoundId: compound._id,
    compoundName: compound.name,
    buildingId: w.buildingId ?? null,
    homeId: null,
    scope: 'common',
    area: w.area,
    place: w.place ?? null,
    placeLabel: label,
  };
}

export interface ReportInput {
  clientRequestId: string;
  where: RepairWhere & { place?: string };
  category: RepairCategory;
  description: string;
  photos: string[];
  urgent: boolean;
  source?: 'phone' | 'walkIn' | 'patrol';
  contactPhone?: string;
  contactName?: string;
}

export async function createRepair(ctx: Ctx, input: ReportInput, mode: 'resident' | 'log'): Promise<RepairDetail> {
  // Own uploads only: checked before anything is read.
  assertOwnFiles(ctx.openid, REPAIR_FILES, input.photos);
  if (new Set(input.photos).size !== input.photos.length) throw new AppError('BAD_REQUEST', '同一张图片不能重复添加');
  const actor = await ctx.actor();
  if (mode === 'log' && !actor.roles.length) throw new AppError('FORBIDDEN');
  const person = await requirePerson(ctx.db, actor);
  const id = repairIdFor(person._id, input.clientRequestId);
  const view = (r: RepairDoc) => detailView(ctx, r, actor, 'full', { following: false, canFollow: false });
  const already = await repairs(ctx.db).get(id);
  if (already) return view(already);
  const place = await resolvePlace(ctx, actor, input.where, mode);
  await checkText(ctx, [input.where.kind === 'common' ? (input.where.place ?? '') : '', input.description].filter(Boolean).join('\n'));
  const media = await checkImages(ctx, input.photos);
  const { acceptDueAt, finishDueAt } = deadlines(input.category, input.urgent, ctx.now);
  const source = mode === 'resident' ? 'resident' : (input.source ?? 'patrol');
  const doc: Omit<RepairDoc, '_id'> = {
    clientRequestId: input.clientRequestId,
    ...place,
    category: input.category,
    description: input.description,
    photos: input.photos,
    media,
    mediaTraceIds: media.map((m) => m.traceId),
    urgent: input.urgent,
    source,
    reporterId: person._id,
    reporterName: person.name,
    // Logged for a home: the caller's phone as typed, never the logger's own.
    contactPhone: input.contactPhone ?? (mode === 'log' && place.homeId ? null : (person.phone ?? null)),
    contactName: mode === 'log' ? (input.contactName ?? null) : null,
    partyKeys: [`p:${person._id}`, ...(place.homeId ? [`h:${place.homeId}`] : [])],
    status: 'submitted',
    assigneeId: null,
    assigneeName: null,
    queueOpen: false,
    onBoard: onBoard(place.scope, 'submitted'),
    acceptDueAt,
    finishDueAt,
    dueAt: acceptDueAt ?? FOREVER,
    acceptedAt: null,
    doneAt: null,
    closedAt: null,
    period: periodOf(ctx.now),
    followers: 0,
    lastUrgedAt: null,
    urges: 0,
    reopens: 0,
    rating: null,
    comment: null,
    labourFen: 0,
    materialsFen: 0,
    mergedIntoId: null,
    events: [
      {
        action: mode === 'resident' ? 'report' : 'log',
        by: person._id,
        byName: person.name,
        byRole: roleLabelIn(actor, place.compoundId),
        at: ctx.now,
        photos: input.photos,
        ...(source !== 'resident' ? { note: { phone: '电话报修', walkIn: '上门报修', patrol: '巡查发现' }[source] } : {}),
      },
    ],
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  try {
    await repairs(ctx.db).add({ _id: id, ...doc });
  } catch (e) {
    // The same request raced itself: the other call wrote it.
    const raced = await repairs(ctx.db).get(id);
    if (raced) return view(raced);
    throw e;
  }
  return view({ _id: id, ...doc });
}

export const reportRepair = (ctx: Ctx, input: ReportInput) => createRepair(ctx, input, 'resident');
export const logRepair = (ctx: Ctx, input: ReportInput) => createRepair(ctx, input, 'log');
