/**
 * Milestones of a compound's first run: a feature that finishes something the
 * onboarding guide asks for (fees: a rate set; notices: a building group linked;
 * onboarding: the posters printed) records it here, and the guide reads only these
 * and the directory — never another feature's collections.
 */
import type { Database } from './database';
import { repository } from './repo';

export type MilestoneKey = 'rates' | 'posters' | 'ownersGroup' | `group:${string}`;
export interface MilestoneDoc {
  /** `${compoundId}_${key}`: recording twice is one document. */
  _id: string;
  compoundId: string;
  key: MilestoneKey;
  at: Date;
}
export const milestones = repository<MilestoneDoc>('milestones');

/** Record a milestone once (the first time counts; later ones change nothing). */
export async function reachMilestone(db: Database, compoundId: string, key: MilestoneKey, at: Date): Promise<void> {
  const id = `${compoundId}_${key}`.slice(0, 120);
  if (await milestones(db).get(id)) return;
  try {
    await milestones(db).add({ _id: id, compoundId, key, at });
  } catch {
    /* recorded in parallel: the same milestone */
  }
}
