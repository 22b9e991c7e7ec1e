/** The signed-in account, loaded once from /api/v1/me and refreshed after sign-in or sign-out. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { MeT } from '../../../src/shared/contracts/accounts';
import { get } from './api';

interface SessionState {
  me: MeT | null;
  loading: boolean;
  refresh: () => Promise<void>;
  isStaff: boolean;
  isAdmin: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeT | null>(null);
  const [loading, setLoading] = useState(true);
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
  const roles = me?.user?.roles ?? [];
  const value: SessionState = { me, loading, refresh, isStaff: roles.includes('admin') || roles.includes('staff'), isAdmin: roles.includes('admin') };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
