/**
 * The last value an answer carried. A per-compound page's one read brings its picker
 * along (the compounds this person may open there); while the answer for another pick
 * loads, the picker stays on screen instead of blinking away with the old data.
 */
import { useRef } from 'react';

export function useKept<T>(value: T | undefined, initial: T): T {
  const kept = useRef<T>(initial);
  if (value !== undefined) kept.current = value;
  return kept.current;
}
