/**
 * A paged list (Page<T>: items + nextCursor): the first page on mount and whenever
 * `params` change (the old items go), `loadMore()` appends the next page,
 * `refresh()` reloads the first page keeping the items on screen until it comes.
 * `page` is the last answer, for fields beside the items (total, unreadCount …).
 *
 *   const list = usePaged((p) => api('accounts').call('binding.pending', p), { size: 20 });
 *   <StateView {...list.state} empty={list.items.length === 0 && {...}}>…
 *   <LoadMore list={list} />
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { Page } from '@core/platform/api';
import { toServiceError, type ServiceError } from '@/services/cloud';
import type { RemoteState } from './useRemote';

export interface PagedOptions {
  refreshOnShow?: boolean;
  skip?: boolean;
}

export interface Paged<R extends Page<unknown>> {
  items: R['items'];
  /** The last page answered (its extra fields: total, unreadCount, building …). */
  page: R | undefined;
  /** The first page is on its way and nothing is shown yet. */
  loading: boolean;
  refreshing: boolean;
  loadingMore: boolean;
  /** The first page failed. */
  error: ServiceError | undefined;
  /** The last loadMore failed (the items stay). */
  moreError: ServiceError | undefined;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Local edits (an approved request leaves the list, a home marked told). */
  setItems: (update: (items: R['items']) => R['items']) => void;
  setPage: (update: (page: R | undefined) => R | undefined) => void;
  state: RemoteState;
}

export function usePaged<P extends object, R extends Page<unknown>>(
  loader: (params: P & { cursor?: string }) => Promise<R>,
  params: P,
  opts: PagedOptions = {},
): Paged<R> {
  const [page, setPageState] = useState<R | undefined>(undefined);
  const [items, setItemsState] = useState<R['items']>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(!opts.skip);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ServiceError | undefined>(undefined);
  const [moreError, setMoreError] = useState<ServiceError | undefined>(undefined);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const seq = useRef(0);
  const pageRef = useRef<R | undefined>(undefined);
  const moreBusy = useRef(false);
  const skip = !!opts.skip;

  const first = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const p = await loaderRef.current({ ...paramsRef.current });
      if (mine !== seq.current) return;
      pageRef.current = p;
      setPageState(p);
      setItemsState(p.items);
      setLoaded(true);
    } catch (e) {
      if (mine === seq.current) setError(toServiceError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  const key = JSON.stringify(params);
  useEffect(() => {
    // New parameters: drop the old list, then load its first page.
    pageRef.current = undefined;
    setPageState(undefined);
    setItemsState([]);
    setLoaded(false);
    if (skip) {
      seq.current++;
      setLoading(false);
      return;
    }
    void first();
  }, [first, key, skip]);

  const loadMore = useCallback(async () => {
    const cursor = pageRef.current?.nextCursor;
    if (!cursor || moreBusy.current) return;
    moreBusy.current = true;
    const mine = seq.current;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const p = await loaderRef.current({ ...paramsRef.current, cursor });
      if (mine !== seq.current) return;
      pageRef.current = p;
      setPageState(p);
      setItemsState((prev) => [...prev, ...p.items] as R['items']);
    } catch (e) {
      if (mine === seq.current) setMoreError(toServiceError(e));
    } finally {
      moreBusy.current = false;
      setLoadingMore(false);
    }
  }, []);

  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (opts.refreshOnShow && !skip) void first();
  });

  const setItems = useCallback((update: (items: R['items']) => R['items']) => setItemsState((prev) => update(prev)), []);
  const setPage = useCallback((update: (p: R | undefined) => R | undefined) => {
    setPageState((prev) => {
      const next = update(prev);
      pageRef.current = next;
      return next;
    });
  }, []);
  const onRetry = useCallback(() => void first(), [first]);

  return {
    items,
    page,
    loading: !loaded && loading,
    refreshing: loaded && loading,
    loadingMore,
    error,
    moreError,
    hasMore: !!page?.nextCursor,
    loadMore,
    refresh: first,
    setItems,
    setPage,
    state: { loading: !loaded && loading, error: loaded ? undefined : error, onRetry },
  };
}
