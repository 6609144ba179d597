/** Stored docs → what crosses the wire. Masking decisions happen here, in one place. */
import type { BindRequestView, BuildingInfo, HomeSummary, InviteView, PersonView, RoleView } from '../../core/accounts/contract';
import { approvalProgress, approvalsNeeded } from '../../core/accounts/rules';
import { maskName, maskPhone } from '../../core/platform/mask';
import { ROLE_LABELS } from '../../core/platform/roles';
import type { BindRequestDoc, InviteDoc } from './docs';
import type { BuildingDoc, CompoundDoc, HomeDoc, PersonDoc, RoleDoc } from '../_shared/directory';
import { iso } from '../_shared/db';

export function homeView(h: HomeDoc): HomeSummary {
  return {
    id: h._id,
    compoundId: h.compoundId,
    compoundName: h.compoundName,
    buildingId: h.buildingId,
    buildingName: h.buildingName,
    unit: h.unit,
    number: h.number,
    label: h.label,
    kind: h.kind,
    areaCenti: h.areaCenti,
    hasLift: h.hasLift,
  };
}

export function buildingView(b: BuildingDoc): BuildingInfo {
  return { id: b._id, compoundId: b.compoundId, name: b.name, no: b.no, kind: b.kind, hasLift: b.hasLift, units: b.units, homeCount: b.homeCount };
}

export function personView(p: PersonDoc, self: boolean): PersonView {
  return {
    id: p._id,
    name: p.name,
    ...(p.phone ? { phone: self ? p.phone : maskPhone(p.phone) } : {}),
    partyMember: p.partyMember,
    showPartyBadge: p.showPartyBadge,
  };
}

/** The applicant sees their own request in full; approvers see the phone masked. */
export function requestView(r: BindRequestDoc, home: HomeDoc, forApplicant: boolean): BindRequestView {
  const approvals = r.approvals?.length ?? 0;
  const needed = approvalsNeeded(r.relation, r.name, home.registeredOwners.map((o) => o.name));
  const progress = r.status === 'pending' ? approvalProgress(approvals, needed) : undefined;
  return {
    id: r._id,
    home: homeView(home),
    relation: r.relation,
    status: r.status,
    applicantName: r.name,
    ...(r.phone ? { applicantPhone: forApplicant ? r.phone : maskPhone(r.phone) } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    registeredOwners: forApplicant ? [] : home.registeredOwners.map((o) => maskName(o.name)),
    approvals,
    approvalsNeeded: needed,
    ...(progress ? { approvalProgress: progress } : {}),
    createdAt: iso(r.createdAt),
    ...(r.decidedAt ? { decidedAt: iso(r.decidedAt) } : {}),
  };
}

export function roleView(r: RoleDoc, compounds: Map<string, CompoundDoc>, buildings: Map<string, BuildingDoc>): RoleView {
  const compound = r.compoundId ? compounds.get(r.compoundId)?.name ?? '' : '';
  const bs = (r.buildingIds ?? []).map((id) => buildings.get(id)?.name ?? id).join('、');
  return {
    id: r._id,
    role: r.role,
    label: ROLE_LABELS[r.role],
    communityId: r.communityId,
    ...(r.compoundId ? { compoundId: r.compoundId } : {}),
    ...(r.buildingIds ? { buildingIds: r.buildingIds } : {}),
    scopeLabel: [compound || (r.role === 'communityAdmin' ? '全社区' : ''), bs].filter(Boolean).join(' '),
  };
}

export function inviteView(i: InviteDoc, home: HomeDoc): InviteView {
  return { id: i._id, code: i.code, home: homeView(home), relation: i.relation, createdAt: iso(i.createdAt), expiresAt: iso(i.expiresAt) };
}
