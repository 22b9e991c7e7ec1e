/**
 * The signed-in account, loaded once from /api/v1/me and refreshed after sign-in or sign-out; and,
 * for a signed-in person, their overview (/api/v1/me/overview), which tells the navigation which of
 * the personal areas they have something in (applications, cohorts, reviews).
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeT } from '../../../src/shared/contracts/accounts';
import type { MeOverviewT } from '../../../src/shared/contracts/home';
import { get } from './api';

interface SessionState {
  me: MeT | null;
  loading: boolean;
  refresh: () => Promise<void>;
  isStaff: boolean;
  isAdmin: boolean;
  /** Null while signed out, loading, or when it could not be read. */
  overview: MeOverviewT | null;
  refreshOverview: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeT | null>(null);
  const [overview, setOverview] = useState<MeOverviewT | null>(null);
  const [loading, setLoading] = useState(true);
  const signedIn = !!me?.user;
  const refreshOverview = useCallback(async () => {
    if (!signedIn) {
      setOverview(null);
      return;
    }
    try {
      setOverview(await get<MeOverviewT>('/me/overview'));
    } catch {
      // The navigation then offers only what the roles allow; the home page shows its own error.
      setOverview(null);
    }
  }, [signedIn]);
  const refresh = useCallback(async () => {
    try {
      setMe(await get<MeT>('/me'));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void refreshOverview();
  }, [refreshOverview, me?.user?.id]);
  const roles = me?.user?.roles ?? [];
  const value: SessionState = { me, loading, refresh, isStaff: roles.includes('admin') || roles.includes('staff'), isAdmin: roles.includes('admin'), overview, refreshOverview };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
