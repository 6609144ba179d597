/**
 * Each feature's demo data, written after the directory (compounds, homes, people,
 * roles) exists. A feature adds one line here and keeps its data in
 * scripts/lib/seed-<feature>.ts. Dates are relative to `now`, so the demo always
 * looks current (this month's bills, next week's activities, an open vote).
 */
import type { Database } from '../../cloudfunctions/_shared/database';
import type { SeedData } from './seed-data';
import { votesSeed } from './seed-votes';
import { repairsSeed } from './seed-repairs';
import { noticesSeed } from './seed-notices';
import { activitiesSeed } from './seed-activities';
import { feesSeed } from './seed-fees';
import { vehiclesSeed } from './seed-vehicles';
import { concernsSeed } from './seed-concerns';
import { communitySeed } from './seed-community';
import { partySeed } from './seed-party';

export interface FeatureSeed {
  name: string;
  /** Writes the feature's demo documents; returns counts per collection. */
  write(db: Database, base: SeedData, now: Date): Promise<Record<string, number>>;
}

export const FEATURE_SEEDS: FeatureSeed[] = [
  noticesSeed,
  repairsSeed,
  votesSeed,
  activitiesSeed,
  feesSeed,
  vehiclesSeed,
  concernsSeed,
  // Before community: its snapshots count the visits (走访覆盖率).
  partySeed,
  communitySeed,
];
