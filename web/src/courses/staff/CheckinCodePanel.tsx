/**
 * The rotating check-in code in large type with its QR code, for a screen in the room. A new code is
 * fetched shortly before the current one rotates. Outside the session's check-in window the server
 * refuses (409) with its own message, which is shown, and the page asks again every half minute so
 * the code appears by itself when the window opens. The countdown is not a live region: a number
 * announced every second would drown everything else.
 */
import { Box, Button, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckinCodeViewT } from '../../../../src/shared/contracts/attendance';
import { ApiError, get } from '../../lib/api';
import { errorMessageKey } from '../../lib/useApiGet';
import { refreshDelay, secondsLeft, seoulTime, spacedCode } from './format';

const CLOSED_RETRY_MS = 30_000;

export function CheckinCodePanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('courses');
  const { t: tWeb } = useTranslation();
  const [code, setCode] = useState<CheckinCodeViewT | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer = 0;
    void (async () => {
      try {
        const next = await get<CheckinCodeViewT>(`/admin/sessions/${sessionId}/checkin-code`);
        if (cancelled) return;
        setCode(next);
        setRefusal(null);
        timer = window.setTimeout(() => setTick((n) => n + 1), refreshDelay(next.rotatesAt, Date.now()));
      } catch (err) {
        if (cancelled) return;
        setCode(null);
        // The server says why (not yet open, already closed, not timetabled) in the reader's language.
        setRefusal(err instanceof ApiError && (err.status === 409 || err.status === 403) ? err.message : tWeb(errorMessageKey(err)));
        timer = window.setTimeout(() => setTick((n) => n + 1), CLOSED_RETRY_MS);
      }
    })();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [sessionId, tick, tWeb]);

  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);

  return (
    <Box component="section" aria-labelledby="checkin-heading">
      <Title order={2} size="h3" id="checkin-heading" mb="xs">
        {t('staff.attendance.code.heading')}
      </Title>
      {refusal !== null && (
        <Box className="oc-notice" data-testid="checkin-closed">
          <Text fw={700} mb="xs">
            {t('staff.attendance.code.closedTitle')}
          </Text>
          <Text mb="xs">{refusal}</Text>
          <Button size="xs" variant="default" onClick={() => setTick((n) => n + 1)}>
            {t('staff.attendance.code.retry')}
          </Button>
        </Box>
      )}
      {code && (
        <Group align="center" gap="xl" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm">{t('staff.attendance.code.instructions')}</Text>
            <Text className="oc-checkin-code" data-testid="checkin-code" aria-label={t('staff.attendance.code.codeLabel', { code: code.code.split('').join(' ') })}>
              {spacedCode(code.code)}
            </Text>
            <Text size="sm" data-testid="checkin-countdown">
              {t('staff.attendance.code.rotates', { seconds: secondsLeft(code.rotatesAt, now) })}
            </Text>
            <Text size="sm">{t('staff.attendance.code.window', { from: seoulTime(code.window.opensAt), to: seoulTime(code.window.closesAt) })}</Text>
          </Stack>
          <Image className="oc-checkin-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`} alt={t('staff.attendance.code.qrAlt', { url: code.checkinUrl })} w={280} h={280} />
        </Group>
      )}
      {!code && refusal === null && <Text>{tWeb('common.loading')}</Text>}
    </Box>
  );
}
