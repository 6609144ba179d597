/**
 * Pure rules of votes: phases as a function of the matter's dates (the roll freezes
 * when voting opens because the phase says so, not because a job ran), who may
 * cast for a home, and the wording of "consultation only".
 */
import { VOTE_LIMITS } from './limits';

/** `counting`: the final count runs as a job (batches of the roll); the result is stored when it ends. */
export type MatterStatus = 'draft' | 'announced' | 'counting' | 'preliminary' | 'final';
/** What people see: derived from status and the clock. */
export type MatterPhase = 'draft' | 'announced' | 'open' | 'ended' | 'counting' | 'preliminary' | 'final';
export const PHASE_LABELS: Record<MatterPhase, string> = {
  draft: '草稿',
  announced: '公告中（未开始投票）',
  open: '投票中',
  ended: '投票已截止，待计票',
  counting: '计票中',
  preliminary: '结果公示中',
  final: '结果已生效',
};

export interface MatterDates {
  status: MatterStatus;
  opensAt: Date | string;
  closesAt: Date | string;
}
const t = (d: Date | string) => new Date(d).getTime();

export function phaseOf(m: MatterDates, now: Date): MatterPhase {
  if (m.status === 'draft' || m.status === 'counting' || m.status === 'preliminary' || m.status === 'final') return m.status;
  if (now.getTime() < t(m.opensAt)) return 'announced';
  if (now.getTime() < t(m.closesAt)) return 'open';
  return 'ended';
}

const DAY = 24 * 3600 * 1000;

/** The earliest opening for an announcement made at `at`. */
export function earliestOpening(at: Date): Date {
  return new Date(at.getTime() + VOTE_LIMITS.announceDays * DAY);
}

/** Problems with a matter's dates, in Chinese (null when fine). */
export function datesProblem(opensAt: Date, closesAt: Date): string | null {
  const span = closesAt.getTime() - opensAt.getTime();
  if (span < VOTE_LIMITS.minVoteDays * DAY) return `投票期至少${VOTE_LIMITS.minVoteDays}天`;
  if (span > VOTE_LIMITS.maxVoteDays * DAY) return `投票期最长${VOTE_LIMITS.maxVoteDays}天`;
  return null;
}

export function objectionEnds(publishedAt: Date): Date {
  return new Date(publishedAt.getTime() + VOTE_LIMITS.objectionDays * DAY);
}

/** Why a vote here is only a consultation, shown on every vote page and result. */
export const CONSULTATION_LABEL = '仅供征求意见';
export const CONSULTATION_DEFAULT_REASON =
  '本市规定业主大会的线上表决须通过政府建设的电子投票系统进行，本小程序中的投票不作为正式表决结果。';

/** Who enters paper ballots for a compound: its committee, or the community office where there is none. */
export type PaperEnterer = 'committee' | 'community';
export const PAPER_ENTERER_LABELS: Record<PaperEnterer, string> = { committee: '业委会', community: '社区' };

/**
 * How a home's ballot came in, in one wording for every page: an online ballot was
 * cast by the (masked) owner; a paper ballot was the owner's vote on paper, entered
 * by the committee member named — never "cast by" them.
 */
export function ballotOrigin(b: { via: 'online' | 'paper'; byMasked: string; at: string; enteredBy?: PaperEnterer }): string {
  if (b.via === 'paper') return `纸质票，由${PAPER_ENTERER_LABELS[b.enteredBy ?? 'committee']} ${b.byMasked} 于 ${b.at} 录入`;
  return `由 ${b.byMasked} 于 ${b.at} 在线投票`;
}
