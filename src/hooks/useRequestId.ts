/**
 * One client request id per form content: made when the form opens, kept across
 * retries (a retry after a TIMEOUT must not create twice), made anew when the
 * content changes (`content`) or after a success (`renew()`).
 *
 *   const rid = useRequestId([title, body]);
 *   await api('notices').call('notices.post', { clientRequestId: rid.id, ... });
 *   rid.renew();
 */
import { useCallback, useState } from 'react';
import { newRequestId } from '@/utils/requestId';

export interface RequestId {
  id: string;
  renew: () => void;
}

export function useRequestId(content: readonly unknown[] = []): RequestId {
  const key = JSON.stringify(content);
  const [state, setState] = useState(() => ({ key, id: newRequestId() }));
  let current = state;
  if (state.key !== key) {
    // Derived state: the content changed, so this is a new request.
    current = { key, id: newRequestId() };
    setState(current);
  }
  const renew = useCallback(() => setState((s) => ({ key: s.key, id: newRequestId() })), []);
  return { id: current.id, renew };
}
