/** Stored repairs → what crosses the wire. What each viewer may see is decided here, in one place. */
import type { RepairDetail, RepairEventView, RepairListItem, RepairPhoto } from '../../core/repairs/contract';
import {
  COMMON_AREA_LABELS,
  REPAIR_ACTION_LABELS,
  REPAIR_STATUS_LABELS,
  allowedActions,
  currentDue,
  isOverdueNow,
  loggedForHome,
  mergeKey,
  nextStepText,
  partiesOf,
  urgeProblem,
  type RepairParty,
} from '../../core/repairs/rules';
import type { Actor } from '../../core/platform/roles';
import type { Ctx } from '../_shared/router';
import { iso } from '../_shared/db';
import type { RepairDoc, RepairEvent } from './docs';
import { shortLived } from '../_shared/files';

export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max).join('') + '…';
}

export function listItem(r: RepairDoc, now: Date): RepairListItem {
  const due = currentDue(r);
  return {
    id: r._id,
    category: r.category,
    scope: r.scope,
    ...(r.area ? { area: r.area } : {}),
    placeLabel: r.placeLabel,
    compoundId: r.compoundId,
    mergeKey: mergeKey(r),
    excerpt: excerpt(r.description),
    status: r.status,
    statusLabel: REPAIR_STATUS_LABELS[r.status],
    urgent: r.urgent,
    overdue: isOverdueNow(r, now),
    ...(due ? { dueAt: iso(due) } : {}),
    followers: r.followers,
    urged: !!r.lastUrgedAt && !!due,
    // A reopened repair left its worker's queue and waits for a new dispatch: name no worker.
    ...(r.assigneeName && r.status !== 'reopened' ? { assigneeName: r.assigneeName } : {}),
    nextStep: nextStepText(r.status),
    photoCount: r.photos.length,
    createdAt: iso(r.createdAt),
  };
}

/** Temp URLs for the photos this viewer may see (one storage call, no database read). */
export async function photoUrls(ctx: Pick<Ctx, 'cloud'>, r: RepairDoc, access: 'full' | 'board'): Promise<Map<string, RepairPhoto>> {
  const all = [...r.photos, ...r.events.flatMap((e) => e.photos)];
  const checks = new Map(r.media.map((m) => [m.fileID, m.status]));
  const show = all.filter((f) => {
    const c = checks.get(f) ?? 'pending';
    return c === 'pass' || (c === 'pending' && access === 'full');
  });
  const out = new Map<string, RepairPhoto>();
  for (const f of all) out.set(f, { fileID: f, url: '', check: checks.get(f) ?? 'pending' });
  if (show.length) {
    const res = (await ctx.cloud.getTempFileURL({ fileList: shortLived([...new Set(show)]) })) as {
      fileList: { fileID: string; tempFileURL: string }[];
    };
    for (const x of res.fileList) {
      const p = out.get(x.fileID);
      if (p) p.url = x.tempFileURL ?? '';
    }
  }
  return out;
}

function eventView(e: RepairEvent, access: 'full' | 'board', photos: Map<string, RepairPhoto>): RepairEventView {
  const label =
    e.action === 'report'
      ? '提交报修'
      : e.action === 'log'
        ? '物业代为登记'
        : e.action === 'urge'
          ? '催单'
          : e.action === 'cost'
            ? '登记费用'
            : REPAIR_ACTION_LABELS[e.action];
  const list = e.photos.map((f) => photos.get(f)!).filter((p) => p && (access === 'full' ? p.check !== 'risky' : p.check === 'pass'));
  return {
    action: e.action,
    label,
    by: access === 'full' ? `${e.byName}（${e.byRole}）` : e.byRole,
    at: iso(e.at),
    ...(e.note && (access === 'full' || e.action !== 'report') ? { note: e.note } : {}),
    photos: list,
    ...(e.assigneeName ? { assigneeName: e.assigneeName } : {}),
  };
}

export interface DetailExtras {
  following: boolean;
  canFollow: boolean;
}

export async function detailView(
  ctx: Pick<Ctx, 'cloud' | 'now'>,
  r: RepairDoc,
  actor: Actor,
  access: 'full' | 'board',
  extras: DetailExtras,
): Promise<RepairDetail> {
  const parties: RepairParty[] = access === 'full' ? partiesOf(actor, r) : [];
  const photos = await photoUrls(ctx, r, access);
  const visible = (f: string) => {
    const p = photos.get(f)!;
    return access === 'full' ? p.check !== 'risky' : p.check === 'pass';
  };
  const isReporter = parties.includes('reporter');
  const urge = isReporter ? urgeProblem(r, ctx.now) : '只有报修人可以催单';
  const full = access === 'full';
  // The manager and the assignee; and whoever logged it for a home (they typed the caller's name and phone).
  const seesContact =
    parties.includes('manager') || parties.includes('assignee') || (full && loggedForHome(r) && actor.personId === r.reporterId);
  return {
    ...listItem(r, ctx.now),
    access,
    description: r.description,
    photos: r.photos.filter(visible).map((f) => photos.get(f)!),
    ...(full ? { reporterName: r.reporterName } : {}),
    ...(seesContact && r.contactPhone ? { contactPhone: r.contactPhone } : {}),
    ...(seesContact && r.contactName ? { contactName: r.contactName } : {}),
    source: r.source,
    acceptDueAt: iso(r.acceptDueAt),
    finishDueAt: iso(r.finishDueAt),
    ...(r.acceptedAt ? { acceptedAt: iso(r.acceptedAt) } : {}),
    ...(r.doneAt ? { doneAt: iso(r.doneAt) } : {}),
    showClocks: r.status !== 'cancelled' && r.status !== 'merged',
    acceptLate: !r.acceptedAt && new Date(r.acceptDueAt).getTime() <= ctx.now.getTime(),
    finishLate: !r.doneAt && new Date(r.finishDueAt).getTime() <= ctx.now.getTime(),
    events: r.events.map((e) => eventView(e, access, photos)),
    actions: allowedActions(r.status, parties),
    urgeProblem: isReporter ? urge : null,
    canUrge: isReporter && urge === null,
    canFollow: extras.canFollow,
    following: extras.following,
    canSetCost: parties.includes('manager') || (parties.includes('assignee') && (r.status === 'inProgress' || r.status === 'done')),
    ...(full && r.rating ? { rating: r.rating } : {}),
    ...(full && r.comment ? { comment: r.comment } : {}),
    ...(full && (parties.includes('manager') || parties.includes('assignee') || r.labourFen + r.materialsFen > 0)
      ? { labourFen: r.labourFen, materialsFen: r.materialsFen }
      : {}),
    ...(r.mergedIntoId ? { mergedIntoId: r.mergedIntoId } : {}),
  };
}

export function areaLabel(area: keyof typeof COMMON_AREA_LABELS) {
  return COMMON_AREA_LABELS[area];
}
