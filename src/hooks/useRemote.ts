/**
 * Loading / error / data for one screen's first backend call. `refreshOnShow`
 * reloads (keeping the old data on screen) when a tab page is shown again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { toServiceError, type ServiceError } from '../services/cloud';

export interface Remote<T> {
  data: T | undefined;
  error: ServiceError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (update: T | ((prev: T | undefined) => T)) => void;
}

export function useRemote<T>(load: () => Promise<T>, opts: { refreshOnShow?: boolean; skip?: boolean } = {}): Remote<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ServiceError | undefined>(undefined);
  const [loading, setLoading] = useState(!opts.skip);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);

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

  useEffect(() => {
    if (!opts.skip) void reload();
  }, [reload, opts.skip]);

  const shown = useRef(false);
  useDidShow(() => {
    // The first show comes with the mount effect's load; every later show (back from a
    // detail page, a tab switch) refreshes, so read counts and badges are current.
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (opts.refreshOnShow && !opts.skip) void reload();
  });

  const setData = useCallback((update: T | ((prev: T | undefined) => T)) => {
    setDataState((prev) => (typeof update === 'function' ? (update as (p: T | undefined) => T)(prev) : update));
  }, []);

  return { data, error, loading, reload, setData };
}
