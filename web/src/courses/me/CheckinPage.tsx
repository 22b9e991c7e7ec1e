/**
 * /me/checkin: a participant checks in to the session under way with the six-digit code shown in the
 * room. Scanning the staff QR code opens this page with the session and code filled in; the person
 * still presses "Check in", so nothing is recorded by merely opening a link. Built for a phone: one
 * column, a numeric keypad (inputmode numeric) and the code offered by the phone (one-time-code).
 */
import { Button, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { CheckinResultT } from '../../../../src/shared/contracts/attendance';
import type { MyCohortListT, MyCohortViewT } from '../../../../src/shared/contracts/courses';
import { get, post } from '../../lib/api';
import { FormErrorSummary, useSubmit } from '../../lib/forms';
import { useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useLoad } from '../../lib/useApiGet';
import { SignedInOnly } from '../../review/parts';
import { seoulClock, sessionWhen } from '../public/course-format';
import { codeProblem, normaliseCode, prefillFromSearch, sessionsOpenForCheckin } from './checkin';
import '../public/courses.css';

export default function CheckinPage() {
  const { t } = useTranslation('courses');
  return (
    <SignedInOnly title={t('me.checkin.title')}>
      <Checkin />
    </SignedInOnly>
  );
}

interface OpenSession {
  id: string;
  label: string;
}

/** Sessions of my cohorts whose check-in window is open now, to pick from when no QR code was scanned. */
function useOpenSessions(): OpenSession[] {
  const lang = useLang();
  const locText = useLocText();
  const state = useLoad(async () => {
    const { cohorts } = await get<MyCohortListT>('/me/cohorts');
    const views = await Promise.all(cohorts.map((c) => get<MyCohortViewT>(`/me/cohorts/${encodeURIComponent(c.id)}`)));
    return views.flatMap((v) => v.sessions.map((s) => ({ ...s, cohortTitle: v.cohort.title })));
  }, [lang]);
  // Without the list the form still works: the server finds the session from the code.
  return sessionsOpenForCheckin(state.data ?? [], new Date()).map((s) => ({
    id: s.id,
    label: `${locText(s.title)} · ${sessionWhen(s.startsAt, s.endsAt, lang) ?? ''} · ${locText(s.cohortTitle)}`,
  }));
}

function Checkin() {
  const { t } = useTranslation('courses');
  const locText = useLocText();
  const location = useLocation();
  const [prefill] = useState(() => prefillFromSearch(location.search));
  const [sessionId, setSessionId] = useState(prefill.sessionId);
  const [code, setCode] = useState(prefill.code);
  const [result, setResult] = useState<CheckinResultT | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const submit = useSubmit();
  const open = useOpenSessions();
  // The answer takes focus once it is shown, so a screen reader reads it and the keyboard starts there.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const options = [
    { value: '', label: t('me.checkin.anySession') },
    ...(prefill.sessionId && !open.some((s) => s.id === prefill.sessionId) ? [{ value: prefill.sessionId, label: t('me.checkin.fromQr') }] : []),
    ...open.map((s) => ({ value: s.id, label: s.label })),
  ];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const problem = codeProblem(code);
    void submit.run(problem ? { code: t(`me.checkin.code_${problem}`) } : {}, async () => {
      const res = await post<CheckinResultT>('/me/checkins', { code, ...(sessionId ? { sessionId } : {}) });
      setResult(res);
      setCode('');
    });
  };

  return (
    <Stack gap="md" className="checkin-form">
      <div>
        <Title order={1}>{t('me.checkin.title')}</Title>
        <Text mt="xs">{t('me.checkin.intro')}</Text>
      </div>
      {prefill.code && !result && <Text data-testid="checkin-prefilled">{t('me.checkin.prefilled')}</Text>}
      {result && (
        <Text ref={resultRef} tabIndex={-1} role="status" className="checkin-result checkin-result-ok" fw={700} data-testid="checkin-result">
          {t(result.created ? 'me.checkin.done' : 'me.checkin.already', {
            session: locText(result.session.title),
            time: seoulClock(result.attendance.at),
          })}
        </Text>
      )}
      <FormErrorSummary state={submit} fields={[{ name: 'code', id: 'checkin-code', label: t('me.checkin.code') }, { name: 'sessionId', id: 'checkin-session', label: t('me.checkin.session') }]} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <NativeSelect
            id="checkin-session"
            label={t('me.checkin.session')}
            description={t('me.checkin.sessionHelp')}
            value={sessionId}
            onChange={(e) => setSessionId(e.currentTarget.value)}
            error={submit.fieldErrors.sessionId}
            data={options}
            size="md"
          />
          <TextInput
            id="checkin-code"
            className="checkin-code"
            label={t('me.checkin.code')}
            description={t('me.checkin.codeHelp')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={12}
            required
            value={code}
            onChange={(e) => setCode(normaliseCode(e.currentTarget.value))}
            error={submit.fieldErrors.code}
          />
          <Button type="submit" size="lg" fullWidth aria-busy={submit.submitting || undefined} data-testid="checkin-button">
            {submit.submitting ? t('me.checkin.working') : t('me.checkin.button')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
