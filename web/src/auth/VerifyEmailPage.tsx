import { Alert, Anchor, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { ApiError, post } from '../lib/api';
import { useSession } from '../lib/session';

/**
 * The page the mailed link opens. The secret is in the fragment (#token=…), which browsers never
 * send to a server, so it stays out of logs; it is posted once and then removed from the address bar.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('verification.title'));
  const { refresh } = useSession();
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string } | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    window.history.replaceState(null, '', window.location.pathname);
    void (async () => {
      try {
        await post('/auth/verify-email', { token });
        setResult({ ok: true });
        await refresh();
      } catch (err) {
        setResult({ ok: false, message: err instanceof ApiError ? err.message : t('common.error.network') });
      }
    })();
  }, [refresh, t]);

  return (
    <Stack maw={560} gap="md">
      <Title order={1}>{t('verification.title')}</Title>
      {result === null && <Loader size="sm" aria-label={t('verification.checking')} />}
      {result?.ok && (
        <Alert color="campus" variant="outline" title={t('verification.doneTitle')} role="status">
          {t('verification.done')}{' '}
          <Anchor component={Link} to="/calls" className="inline-link">
            {t('verification.toCalls')}
          </Anchor>
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="outline" title={t('verification.failedTitle')} role="alert">
          {result.message}
        </Alert>
      )}
    </Stack>
  );
}
