/** Documents of votes and their repositories. */
import type { Candidate } from '../../core/votes/contract';
import type { CountResult, MatterFormat, MatterKind, Tally, Totals } from '../../core/votes/count';
import type { MatterStatus, PaperEnterer } from '../../core/votes/rules';
import { repository } from '../_shared/repo';

export interface MatterDoc {
  _id: string;
  compoundId: string;
  compoundName: string;
  communityId: string;
  title: string;
  description: string;
  kind: MatterKind;
  format: MatterFormat;
  candidates: Candidate[];
  seats: number;
  documents: string[];
  opensAt: Date;
  closesAt: Date;
  secret: boolean;
  status: MatterStatus;
  createdBy: string;
  createdByName: string;
  clientRequestId: string;
  createdAt: Date;
  announcedAt?: Date;
  rollTotals?: Totals;
  rollBuiltAt?: Date;
  result?: CountResult;
  publishedAt?: Date;
  objectionEndsAt?: Date;
  finalizedAt?: Date;
  /** The final count's job (status `counting` until it stores the result). */
  countJobId?: string;
  countStartedAt?: Date;
  /** The roll's job (announce, rebuild): the matter stays draft until an announce's roll is built. */
  rollJobId?: string;
}
export interface RollHome {
  homeId: string;
  label: string;
  buildingId: string;
  areaCenti: number;
}
/** One owner on a matter's roll: _id `${matterId}_${ownerHash}`. */
export interface RollDoc {
  _id: string;
  matterId: string;
  compoundId: string;
  ownerHash: string;
  homeIds: string[];
  homes: RollHome[];
  areaCenti: number;
  developer: boolean;
  /** Room order of the first home. */
  sort: string;
  voted: boolean;
  /** The roll job that wrote it (a rebuild removes entries of an earlier build). */
  buildId?: string;
}
/** A home as the roll job stages it (_id `${jobId}_${homeId}`), read back in owner order. */
export interface RollHomeDoc {
  _id: string;
  jobId: string;
  matterId: string;
  homeId: string;
  ownerHash: string;
  developer: boolean;
  label: string;
  buildingId: string;
  areaCenti: number;
  sort: string;
}
/** One ballot per owner per matter: _id = the roll entry's id. */
export interface BallotDoc {
  _id: string;
  matterId: string;
  sort: string;
  choices: string[];
  via: 'online' | 'paper';
  /** The register's owner of the home it was cast from, at the time (a sold home's new owner differs). */
  ownerHash: string;
  homeId: string;
  castBy: string;
  castByName: string;
  firstAt: Date;
  castAt: Date;
  changes: number;
  photos?: string[];
  note?: string;
  clientRequestId?: string;
  /** A paper ballot: whether the committee or the community office entered it (older ones: the committee). */
  enteredAs?: PaperEnterer;
}
export interface TallyDoc extends Tally {
  _id: string;
  ballots: number;
  paper: number;
  updatedAt: Date;
}
/** One batch of the final count: the roll entries of the batch and the tally of their ballots. */
export interface CountPartDoc {
  _id: string;
  jobId: string;
  matterId: string;
  index: number;
  /** The batch's roll entries: owners and area (the roll's totals are their sum). */
  roll: Totals;
  tally: Tally;
  /** Room order of the batch's last entry (the next batch starts after it). */
  lastSort: string | null;
  at: Date;
}
export interface VoteSettingsDoc {
  _id: string;
  consultationOnly: boolean;
  reason: string;
  updatedBy: string;
  updatedAt: Date;
}

export const matters = repository<MatterDoc>('voteMatters');
export const roll = repository<RollDoc>('voteRoll');
export const ballots = repository<BallotDoc>('voteBallots');
export const tallies = repository<TallyDoc>('voteTallies');
export const rollHomes = repository<RollHomeDoc>('voteRollHomes');
export const countParts = repository<CountPartDoc>('voteCountParts');
export const voteSettings = repository<VoteSettingsDoc>('voteSettings');
