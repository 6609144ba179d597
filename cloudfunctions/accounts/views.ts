/** Stored docs → what crosses the wire. Masking decisions happen here, in one place. */
import type { BindRequestView, BuildingInfo, HomeSummary, InviteView, PersonView, RoleView } from '../../core/accounts/contract';
import { approvalProgress, approvalsNeeded, registerMatch } from '../../core/accounts/rules';
import { maskNameEnds, maskPhone } from '../../core/platform/mask';
import { RELATION_LABELS, ROLE_LABELS } from '../../core/platform/roles';
import type { BindRequestDoc, InviteDoc } from './docs';
import { leadContactPhone, type BuildingDoc, type CompoundDoc, type HomeDoc, type PersonDoc, type RoleDoc } from '../_shared/directory';
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
  return {
    id: b._id,
    compoundId: b.compoundId,
    name: b.name,
    no: b.no,
    kind: b.kind,
    hasLift: b.hasLift,
    units: b.units,
    homeCount: b.homeCount,
  };
}

export function personView(p: PersonDoc, self: boolean): PersonView {
  return {
    id: p._id,
    name: p.name,
    ...(p.phone ? { phone: self ? p.phone : maskPhone(p.phone) } : {}),
    partyMember: p.partyMember,
    showPartyBadge: p.showPartyBadge,
    contactLead: !!p.contactLead,
  };
}

/**
 * The applicant sees their own request in full, without the register. Approvers see
 * whether the applicant matches the register and its owner names — in full when
 * `registerNames` is 'full' (the committee), else masked (于*东) — and the applicant's
 * phone masked unless the applicant chose 愿意楼栋长联系我 (`applicant` given).
 */
export function requestView(
  r: BindRequestDoc,
  home: HomeDoc,
  forApplicant: boolean,
  applicant?: PersonDoc,
  registerNames: 'full' | 'masked' = 'masked',
): BindRequestView {
  const owners = home.registeredOwners.map((o) => o.name);
  const callable = !forApplicant && !!leadContactPhone(applicant) && !!r.phone;
  const approvals = r.approvals?.length ?? 0;
  const needed = approvalsNeeded(
    r.relation,
    r.name,
    home.registeredOwners.map((o) => o.name),
  );
  const progress = r.status === 'pending' ? approvalProgress(approvals, needed) : undefined;
  return {
    id: r._id,
    home: homeView(home),
    relation: r.relation,
    status: r.status,
    applicantName: r.name,
    ...(r.phone ? { applicantPhone: forApplicant || callable ? r.phone : maskPhone(r.phone) } : {}),
    ...(callable ? { canCall: true } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    registeredOwners: forApplicant ? [] : owners.map((n) => (registerNames === 'full' ? n : maskNameEnds(n))),
    ...(forApplicant ? {} : { registerMatch: registerMatch(r.name, owners) }),
    approvals,
    approvalsNeeded: needed,
    ...(progress ? { approvalProgress: progress } : {}),
    createdAt: iso(r.createdAt),
    ...(r.decidedAt ? { decidedAt: iso(r.decidedAt) } : {}),
  };
}

export function roleView(r: RoleDoc, compounds: Map<string, CompoundDoc>, buildings: Map<string, BuildingDoc>): RoleView {
  const compound = r.compoundId ? (compounds.get(r.compoundId)?.name ?? '') : '';
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

export function inviteView(i: InviteDoc, home: HomeDoc | undefined, compoundName = home?.compoundName ?? ''): InviteView {
  const common = { id: i._id, code: i.code, createdAt: iso(i.createdAt), expiresAt: iso(i.expiresAt) };
  if (i.kind === 'staff' || !home) {
    return { ...common, kind: 'staff', compoundId: i.compoundId ?? '', compoundName, label: `${compoundName} ${ROLE_LABELS.staff}` };
  }
  const relation = i.relation ?? 'owner';
  return {
    ...common,
    kind: 'home',
    compoundId: home.compoundId,
    compoundName: home.compoundName,
    home: homeView(home),
    relation,
    label: `${home.label}（${RELATION_LABELS[relation]}）`,
  };
}
