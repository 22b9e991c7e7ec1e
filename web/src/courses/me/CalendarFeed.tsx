/**
 * My personal calendar feed: every session of my cohorts in one iCalendar address to subscribe to.
 * The address holds a secret, so the server shows it once, when it is made; it is shown here with a
 * copy button and a warning to keep it private.
 */
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarTokenListT, CalendarTokenMintedT, CalendarTokenRequestT } from '../../../../src/shared/contracts/calendars';
import { get, post } from '../../lib/api';
import { useLang } from '../../lib/text';
import { useLoad } from '../../lib/useApiGet';
import { StatusLine, failureText } from '../../review/parts';
import { seoulDate } from '../public/course-format';
import { activeTokenSince, feedUrlOf } from './calendar-token';

export function CalendarFeed() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  // Which feeds exist (never their address again), so making a new one is said to replace the old one.
  const tokens = useLoad(() => get<CalendarTokenListT>('/me/calendar-tokens'), []);
  const since = activeTokenSince(tokens.data, 'participant');
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const make = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const minted = await post<CalendarTokenMintedT>('/me/calendar-tokens', { kind: 'participant' } satisfies CalendarTokenRequestT);
      const made = feedUrlOf(minted, window.location.origin);
      if (!made) throw new Error('no url');
      setUrl(made);
      setMessage(t('me.calendar.made'));
      void tokens.reload();
    } catch (err) {
      setError(failureText(err, t('web:common.error.network')));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t('me.calendar.copied'));
    } catch {
      // Without clipboard access (plain http), select the address so the person can copy it themselves.
      const input = document.getElementById('calendar-feed-url') as HTMLInputElement | null;
      input?.select();
      setMessage(t('me.calendar.copyByHand'));
    }
  };

  return (
    <Stack gap="sm" align="flex-start">
      <Text>{t('me.calendar.intro')}</Text>
      {error && (
        <Alert role="alert" color="red.9" variant="outline">
          {error}
        </Alert>
      )}
      {url ? (
        <Stack gap="xs" w="100%">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput id="calendar-feed-url" label={t('me.calendar.url')} value={url} readOnly className="feed-url" style={{ flex: '1 1 20rem' }} onFocus={(e) => e.currentTarget.select()} data-testid="calendar-feed-url" />
            <Button variant="outline" onClick={() => void copy()}>
              {t('me.calendar.copy')}
            </Button>
          </Group>
          <Text size="sm">{t('me.calendar.once')}</Text>
        </Stack>
      ) : (
        <>
          <Text size="sm">{t('me.calendar.makeNote')}</Text>
          {since && (
            <Text size="sm" data-testid="calendar-existing">
              {t('me.calendar.existing', { at: seoulDate(since, lang) })}
            </Text>
          )}
          <Button variant="outline" onClick={() => void make()} aria-busy={busy || undefined}>
            {busy ? t('me.calendar.working') : since ? t('me.calendar.remake') : t('me.calendar.make')}
          </Button>
        </>
      )}
      <StatusLine message={message} testId="calendar-status" />
    </Stack>
  );
}
