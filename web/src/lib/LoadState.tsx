/** The loading and error states every page shows while its data arrives (translated, announced). */
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey, type ApiGetState } from './useApiGet';

/** `data-oc-loading` marks the page as still waiting for data (the browser tests wait for it to go). */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Group role="status" gap="sm" py="xl" justify="center" data-oc-loading="">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert role="alert" color="red.9" variant="outline" title={t('common.error.title')}>
      <Text mb={onRetry ? 'sm' : 0}>{t(errorMessageKey(error))}</Text>
      {onRetry && (
        <Button variant="default" size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}

/** Renders `children(data)` once loaded; until then the loading state, or the error with a retry button. */
export function LoadState<T>({ state, children }: { state: ApiGetState<T>; children: (data: T) => ReactNode }) {
  if (state.error !== undefined) return <LoadError error={state.error} onRetry={() => void state.reload()} />;
  if (state.loading && state.data === undefined) return <Loading />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
