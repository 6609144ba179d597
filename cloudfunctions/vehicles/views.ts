/**
 * Stored requests → what crosses the wire. Each party gets its own view type, built
 * here in one place: the requester's carries nothing about the owner (no name,
 * room, phone, openid, not even the full plate); the household's nothing about the
 * requester; the responder's the room and whom to call.
 */
import type {
  HouseholdMoveView,
  MoveContact,
  MovePhoto,
  MoveRequestView,
  RequesterMoveView,
  ResponderMoveView,
} from '../../core/vehicles/contract';
import { can } from '../../core/authz';
import { maskName } from '../../core/platform/mask';
import type { Actor } from '../../core/platform/roles';
import {
  MOVE_STATUS_LABELS,
  RESPONDER_STATUS_LABELS,
  allowedMoves,
  formatPlate,
  maskPlate,
  requesterHint,
} from '../../core/vehicles/rules';
import type { Ctx } from '../_shared/router';
import { iso } from '../_shared/db';
import { leadContactPhone, memberships, people } from '../_shared/directory';
import type { MoveRequestDoc } from './docs';
import { shortLived } from '../_shared/files';

type As = 'requester' | 'household' | 'responder';

async function photoOf(ctx: Pick<Ctx, 'cloud'>, r: MoveRequestDoc, as: As): Promise<MovePhoto | undefined> {
  const m = r.media?.[0];
  if (!m) return undefined;
  // The requester sees their own photo while it is checked; others only once it passed.
  const show = m.status === 'pass' || (m.status === 'pending' && as === 'requester');
  if (!show) return { url: '', check: m.status };
  const res = (await ctx.cloud.getTempFileURL({ fileList: shortLived([m.fileID]) })) as { fileList: { tempFileURL?: string }[] };
  return { url: res.fileList[0]?.tempFileURL ?? '', check: m.status };
}

function base(r: MoveRequestDoc, parties: Parameters<typeof allowedMoves>[1]) {
  return {
    id: r._id,
    reason: r.reason,
    ...(r.note ? { note: r.note } : {}),
    status: r.status,
    statusLabel: MOVE_STATUS_LABELS[r.status],
    createdAt: iso(r.createdAt),
    actions: allowedMoves(r.status, parties, r.reported),
  };
}

export function requesterView(r: MoveRequestDoc, photo?: MovePhoto): RequesterMoveView {
  return {
    as: 'requester',
    ...base(r, ['requester']),
    plateMasked: maskPlate(r.plate),
    hint: requesterHint(r.status),
    ...(photo ? { photo } : {}),
  };
}

export function householdView(r: MoveRequestDoc, photo?: MovePhoto): HouseholdMoveView {
  return {
    as: 'household',
    ...base(r, ['household']),
    plateLabel: formatPlate(r.plate),
    reported: r.reported,
    ...(photo ? { photo } : {}),
  };
}

/** The household's people, for a lead (names masked, phones only with consent) or the property office (in full). */
async function contactsOf(ctx: Ctx, actor: Actor, r: MoveRequestDoc): Promise<MoveContact[]> {
  if (!r.ownerHomeId) return [];
  const office = can(actor, 'vehicle.oversee', { communityId: r.communityId, compoundId: r.compoundId });
  const ms = await memberships(ctx.db).find({ homeId: r.ownerHomeId, status: 'active' }, { limit: 20 });
  const ps = await people(ctx.db).byIds(ms.map((m) => m.personId));
  return [...ps.values()].map((p) => {
    const phone = office ? p.phone : leadContactPhone(p);
    return { name: office ? p.name : maskName(p.name), ...(phone ? { phone } : {}) };
  });
}

export async function responderView(ctx: Ctx, actor: Actor, r: MoveRequestDoc, photo?: MovePhoto): Promise<ResponderMoveView> {
  return {
    as: 'responder',
    ...base(r, ['responder']),
    statusLabel: RESPONDER_STATUS_LABELS[r.status],
    plateLabel: formatPlate(r.plate),
    homeLabel: r.ownerHomeLabel,
    compoundName: r.compoundName,
    contacts: await contactsOf(ctx, actor, r),
    reported: r.reported,
    ...(photo ? { photo } : {}),
  };
}

export async function viewFor(ctx: Ctx, actor: Actor, r: MoveRequestDoc, as: 'requester'): Promise<RequesterMoveView>;
export async function viewFor(ctx: Ctx, actor: Actor, r: MoveRequestDoc, as: As): Promise<MoveRequestView>;
export async function viewFor(ctx: Ctx, actor: Actor, r: MoveRequestDoc, as: As): Promise<MoveRequestView> {
  const photo = await photoOf(ctx, r, as);
  if (as === 'requester') return requesterView(r, photo);
  if (as === 'household') return householdView(r, photo);
  return responderView(ctx, actor, r, photo);
}
