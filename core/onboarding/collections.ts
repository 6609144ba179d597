/** Collections of onboarding: claim codes, and the milestones the first-run guide reads. */
import { defineCollections } from '../platform/collections';

export const ONBOARDING_COLLECTIONS = defineCollections([
  /** _id `${scope}_${role}`: one open claim per compound (or community) and role. Only the code's hash is kept. */
  { name: 'claims', indexes: [{ name: 'code_hash', keys: { codeHash: 1 }, unique: true }] },
  /**
   * _id `${compoundId}_${key}`: a step of the guide another feature finished (a rate
   * set, a building group linked, the posters printed), written by that feature
   * through cloudfunctions/_shared/milestones.ts, so the guide reads no other feature's data.
   */
  { name: 'milestones', indexes: [{ name: 'compound', keys: { compoundId: 1 } }] },
  /** One per building: its mini-program code in storage (generated once, printed many times). */
  { name: 'posters', indexes: [{ name: 'compound', keys: { compoundId: 1 } }] },
]);
