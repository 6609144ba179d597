/** Documents only onboarding writes and reads: claim codes and building posters. */
import type { ClaimRole } from '../../core/onboarding/limits';
import { repository } from '../_shared/repo';

export interface ClaimDoc {
  /** `${compoundId or communityId}_${role}`: one open claim per place and role, so setup run twice makes no second. */
  _id: string;
  /** sha256 of the code: the code itself is printed once by setup and stored nowhere. */
  codeHash: string;
  role: ClaimRole;
  communityId: string;
  /** Absent for a community worker's claim. */
  compoundId?: string;
  state: 'active' | 'used' | 'revoked';
  createdAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
}

export interface PosterDoc {
  /** The building's id: one code per building, generated once (codes from getUnlimited never expire). */
  _id: string;
  compoundId: string;
  buildingId: string;
  scene: string;
  page: string;
  fileID: string;
  createdAt: Date;
}

export const claims = repository<ClaimDoc>('claims');
export const posters = repository<PosterDoc>('posters');
