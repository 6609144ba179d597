/**
 * The feature registry: every feature's entries, and what the shell builds from
 * them (the 服务 grid, the 首页 shortcuts and cards). Visibility follows the same
 * permission table the functions enforce (core/authz); the functions still
 * check every call.
 */
import type { Me } from '@core/accounts/contract';
import { canAnywhere } from '@core/authz';
import { actorOf } from '@/utils/actor';
import { accountsFeature } from './accounts/entries';
import { noticesFeature } from './notices/entries';
import { repairsFeature } from './repairs/entries';
import { activitiesFeature } from './activities/entries';
import { votesFeature } from './votes/entries';
import { feesFeature } from './fees/entries';
import { onboardingFeature } from './onboarding/entries';
import { vehiclesFeature } from './vehicles/entries';
import { concernsFeature } from './concerns/entries';
import type { EntryDef, Feature, Gate, HomeCardDef } from './types';
import { communityFeature } from './community/entries';
import { partyFeature } from './party/entries';

export const FEATURES: readonly Feature[] = [
  noticesFeature,
  accountsFeature,
  activitiesFeature,
  votesFeature,
  repairsFeature,
  feesFeature,
  onboardingFeature,
  vehiclesFeature,
  concernsFeature,
  communityFeature,
  partyFeature,
];

export function visible(gate: Gate, me: Me): boolean {
  const actor = actorOf(me);
  const perms = gate.permission === undefined ? [] : typeof gate.permission === 'string' ? [gate.permission] : gate.permission;
  if (perms.length > 0 && !perms.some((p) => canAnywhere(actor, p))) return false;
  return !gate.when || gate.when({ me });
}

export interface Entry {
  key: string;
  label: string;
  hint?: string;
  url: string;
  badge?: number;
}

function entries(list: (f: Feature) => readonly EntryDef[], me: Me): Entry[] {
  return FEATURES.flatMap(list)
    .filter((e) => visible(e, me))
    .sort((a, b) => a.order - b.order)
    .map((e) => ({ key: e.key, label: e.label, hint: e.hint, url: e.url, badge: e.badge?.(me) }));
}

/** The 服务 grid for this person. */
export function servicesFor(me: Me): Entry[] {
  return entries((f) => f.services, me);
}

/** 首页's 我的工作 shortcuts for this person. */
export function shortcutsFor(me: Me): Entry[] {
  return entries((f) => f.shortcuts, me);
}

/** The cards features add to 首页, in order. */
export function homeCardsFor(me: Me): HomeCardDef[] {
  return FEATURES.flatMap((f) => f.homeCards)
    .filter((c) => visible(c, me))
    .sort((a, b) => a.order - b.order);
}
