/**
 * Every collection and index, merged from the features' own lists. The emulator
 * creates and enforces them (unique indexes included); `npm run deploy` creates
 * them in CloudBase and `npm run print:collections` prints them.
 */
import type { CollectionSpec } from './platform/collections';
import { ACCOUNTS_COLLECTIONS } from './accounts/collections';
import { VOTES_COLLECTIONS } from './votes/collections';
import { NOTICES_COLLECTIONS } from './notices/collections';
import { REPAIRS_COLLECTIONS } from './repairs/collections';
import { ACTIVITIES_COLLECTIONS } from './activities/collections';
import { PLATFORM_COLLECTIONS } from './platform/jobs';
import { FEES_COLLECTIONS } from './fees/collections';
import { ONBOARDING_COLLECTIONS } from './onboarding/collections';
import { VEHICLES_COLLECTIONS } from './vehicles/collections';
import { CONCERNS_COLLECTIONS } from './concerns/collections';
import { COMMUNITY_COLLECTIONS } from './community/collections';
import { PARTY_COLLECTIONS } from './party/collections';

export type { CollectionSpec, IndexSpec } from './platform/collections';

export const COLLECTIONS = [
  ...PLATFORM_COLLECTIONS,
  ...ACCOUNTS_COLLECTIONS,
  ...NOTICES_COLLECTIONS,
  ...REPAIRS_COLLECTIONS,
  ...FEES_COLLECTIONS,
  ...ACTIVITIES_COLLECTIONS,
  ...VOTES_COLLECTIONS,
  ...ONBOARDING_COLLECTIONS,
  ...VEHICLES_COLLECTIONS,
  ...CONCERNS_COLLECTIONS,
  ...COMMUNITY_COLLECTIONS,
  ...PARTY_COLLECTIONS,
];

export type CollectionName = (typeof COLLECTIONS)[number]['name'];

const seen = new Set<string>();
for (const c of COLLECTIONS as CollectionSpec[]) {
  if (seen.has(c.name)) throw new Error(`collection ${c.name} declared twice`);
  seen.add(c.name);
}
