/**
 * Loads one GET endpoint for a page and exposes its loading, error and data states, so every page
 * shows the same translated loading and error messages (see LoadState). `deps` refetch the data when
 * something that changes the answer changes, e.g. the signed-in account (staff see budget actuals).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from './api';

export interface ApiGetState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useApiGet<T>(path: string, deps: readonly unknown[] = []): ApiGetState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const depsKey = JSON.stringify(deps);
  const shown = useRef(`${path} ${depsKey}`);

  useEffect(() => {
    let current = true;
    // Another question (path or session) must not keep showing the previous answer, e.g. staff
    // figures after signing out; a retry of the same question may.
    if (shown.current !== `${path} ${depsKey}`) {
      shown.current = `${path} ${depsKey}`;
      setData(undefined);
    }
    setLoading(true);
    setError(undefined);
    get<T>(path).then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(err);
        setLoading(false);
      },
    );
    // A later response for an earlier path or session must not overwrite the current one.
    return () => {
      current = false;
    };
  }, [path, depsKey, attempt]);

  return { data, error, loading, reload };
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
