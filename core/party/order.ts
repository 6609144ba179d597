/**
 * The party rules that order rooms (they need naturalCompare from core/platform/text,
 * which brings zod, so they stay out of rules.ts, which the pages import).
 */
import { naturalCompare } from '../platform/text';

export interface RoomRange {
  unit?: string;
  /** Room numbers, compared naturally ("301" … "1502"). */
  from?: string;
  to?: string;
}
/** The homes of a building a range selects: a unit (or all), and rooms from–to inclusive (either end open). */
export function inRange(home: { unit: string; number: string }, r: RoomRange): boolean {
  if (r.unit !== undefined && r.unit !== '' && home.unit !== r.unit) return false;
  if (r.from && naturalCompare(home.number, r.from) < 0) return false;
  if (r.to && naturalCompare(home.number, r.to) > 0) return false;
  return true;
}

// ---------------------------------------------------------------- the winners
export interface Tally {
  homeId: string;
  votes: number;
  /** The room order breaks ties, so the result does not depend on the order documents arrive. */
  sortKey: string;
}
/** The winners: the most votes first, ties by room order; at most `places`, and only those with a vote. */
export function winners<T extends Tally>(tally: T[], places: number): T[] {
  return [...tally]
    .filter((t) => t.votes > 0)
    .sort((a, b) => b.votes - a.votes || naturalCompare(a.sortKey, b.sortKey))
    .slice(0, places);
}
