/**
 * Client request ids for create actions (core/platform/api.ts `clientRequestId`:
 * 8–64 of [A-Za-z0-9_-]). The function remembers the id, so a retry after a
 * TIMEOUT returns what the first call created instead of creating it twice.
 * No crypto.randomUUID on older mini-program engines: time + randomness is enough
 * for one person's form submissions.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

let counter = 0;

export function newRequestId(now: number = Date.now()): string {
  counter = (counter + 1) % 1296;
  const rand = () =>
    Math.floor(Math.random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0');
  return `${now.toString(36)}-${counter.toString(36).padStart(2, '0')}${rand()}${rand()}`;
}
