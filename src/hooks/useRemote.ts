/**
 * Loading / error / data for one backend read. It loads on mount and again
 * whenever `deps` change (the parameters of `load`); data of other parameters is
 * dropped then, while `reload()` keeps what is on screen until the answer comes.
 * `refreshOnShow` reloads when a page is shown again (tab switch, back).
 *
 *   const notice = useRemote(() => api('notices').call('notices.open', { noticeId: id }), [id]);
 *   <StateView {...notice.state}>…</StateView>
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { toServiceError, type ServiceError } from '@/services/cloud';

export interface RemoteOptions {
  refreshOnShow?: boolean;
  /** Do not load (yet): e.g. until a building is picked. */
  skip?: boolean;
}

/** What a StateView needs while there is nothing to show yet. */
export interface RemoteState {
  loading: boolean;
  error: ServiceError | undefined;
  onRetry: () => void;
}

export interface Remote<T> {
  data: T | undefined;
  error: ServiceError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (update: T | undefined | ((prev: T | undefined) => T | undefined)) => void;
  /** For <StateView {...remote.state}>: loading/error only while there is no data. */
  state: RemoteState;
}

export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[] = [], opts: RemoteOptions = {}): Remote<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ServiceError | undefined>(undefined);
  const [loading, setLoading] = useState(!opts.skip);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const skip = !!opts.skip;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      if (mine === seq.current) setDataState(value);
    } catch (e) {
      if (mine === seq.current) setError(toServiceError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  const key = JSON.stringify(deps);
  const firstKey = useRef(key);
  useEffect(() => {
    if (firstKey.current !== key) {
      // New parameters: what is on screen belongs to the old ones.
      setDataState(undefined);
    }
    firstKey.current = key;
    if (skip) {
      seq.current++;
      setLoading(false);
      return;
    }
    void reload();
  }, [reload, key, skip]);

  const shown = useRef(false);
  useDidShow(() => {
    // The first show comes with the mount effect's load; every later show (back from a
    // detail page, a tab switch) refreshes, so read counts and badges are current.
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (opts.refreshOnShow && !skip) void reload();
  });

  const setData = useCallback((update: T | undefined | ((prev: T | undefined) => T | undefined)) => {
    setDataState((prev) => (typeof update === 'function' ? (update as (p: T | undefined) => T | undefined)(prev) : update));
  }, []);

  const onRetry = useCallback(() => void reload(), [reload]);
  return {
    data,
    error,
    loading,
    reload,
    setData,
    state: { loading: data === undefined && loading, error: data === undefined ? error : undefined, onRetry },
  };
}
