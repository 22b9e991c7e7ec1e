/**
 * Loading a page's data with its loading, error and data states, so every page shows the same
 * translated loading and error messages (see LoadState).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from './api';

export interface ApiGetState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, e.g. after a change so totals recompute; resolves once the answer is shown. */
  reload: () => Promise<void>;
}

/**
 * Runs `load` now and on every reload. `deps` name the question: when they change (another path, or
 * the signed-in account, since staff see budget actuals) the previous answer is dropped, e.g. staff
 * figures after signing out; a reload of the same question keeps it shown until the new one arrives.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []): ApiGetState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = JSON.stringify(deps);
  const shown = useRef(depsKey);

  const reload = useCallback(async () => {
    // A slow earlier answer (an earlier question, or an earlier reload) never overwrites a newer one.
    const ticket = ++latest.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      if (ticket === latest.current) setData(value);
    } catch (err) {
      if (ticket === latest.current) setError(err);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (shown.current !== depsKey) {
      shown.current = depsKey;
      setData(undefined);
    }
    void reload();
  }, [depsKey, reload]);

  return { data, error, loading, reload };
}

/** One GET endpoint; `deps` refetch it when something that changes the answer changes. */
export function useApiGet<T>(path: string, deps: readonly unknown[] = []): ApiGetState<T> {
  return useLoad(() => get<T>(path), [path, ...deps]);
}

/** The translated message of a failed load, or undefined while there is none. */
export function useLoadErrorText(): (err: unknown) => string | undefined {
  const { t } = useTranslation();
  return (err) => (err === undefined ? undefined : t(errorMessageKey(err)));
}

/** The i18n key of the message for a failed request, so it follows a later language switch. */
export function errorMessageKey(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 404) return 'server:errors.not_found';
    if (err.status === 429) return 'common.error.rateLimited';
    if (err.status === 503) return 'server:errors.unavailable';
    if (err.status === 401) return 'server:errors.unauthenticated';
    if (err.status === 403) return 'server:errors.forbidden';
    return 'server:errors.internal';
  }
  return 'common.error.network';
}
