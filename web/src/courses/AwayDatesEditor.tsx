/**
 * Dates a lecturer cannot come: a date typed as YYYY-MM-DD and added with a button (or Enter), and
 * the list with a remove button per date. A date left in the field when the form is saved is added
 * then (see lecturerBodyWithPending), so nobody loses one by forgetting to press "Add".
 */
import { Box, Button, Group, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/text';
import { addDay } from './availability';
import { formatDay } from './staff/format';
import './availability.css';

export const awayInputId = (idPrefix: string) => `${idPrefix}-away-date`;

interface Props {
  idPrefix: string;
  dates: string[];
  onChange: (dates: string[]) => void;
  /** What is typed in the date field but not added yet. */
  text: string;
  onTextChange: (text: string) => void;
  /** The message about the date field (a quick check on save, or the server's). */
  error?: string | undefined;
  headingOrder: 2 | 3;
}

export function AwayDatesEditor({ idPrefix, dates, onChange, text, onTextChange, error, headingOrder }: Props) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const [problem, setProblem] = useState<string | undefined>();
  const [announce, setAnnounce] = useState('');
  const focusNext = useRef<string | null>(null);
  const headingId = `${idPrefix}-away-heading`;
  const inputId = awayInputId(idPrefix);
  const removeId = (day: string) => `${idPrefix}-away-remove-${day}`;

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [dates]);

  const add = () => {
    const result = addDay(dates, text);
    if (!result.ok) {
      setProblem(t(`availability.away.error.${result.problem}`, { max: 366 }));
      return;
    }
    setProblem(undefined);
    onTextChange('');
    onChange(result.dates);
    setAnnounce(t('availability.away.added', { date: formatDay(result.day, lang) }));
  };
  const remove = (day: string) => {
    const i = dates.indexOf(day);
    const rest = dates.filter((d) => d !== day);
    // Focus moves to the next date's button, or the previous one's, or back to the field.
    const next = rest[i] ?? rest[i - 1];
    focusNext.current = next ? removeId(next) : inputId;
    onChange(rest);
    setAnnounce(t('availability.away.removed', { date: formatDay(day, lang) }));
  };

  return (
    <Box component="section" aria-labelledby={headingId} className="oc-availability">
      <Title order={headingOrder} size="h4" id={headingId} mb={4}>
        {t('availability.away.heading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('availability.away.help')}
      </Text>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          id={inputId}
          label={t('availability.away.date')}
          description={t('availability.away.dateHelp')}
          value={text}
          onChange={(e) => {
            onTextChange(e.currentTarget.value);
            setProblem(undefined);
          }}
          onKeyDown={(e) => {
            // Enter adds the date rather than saving the whole form.
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={problem ?? error}
          autoComplete="off"
          maxLength={12}
          w="16rem"
        />
        <Button variant="default" onClick={add} size="sm" mb={problem ?? error ? '1.6rem' : 0}>
          {t('availability.away.add')}
        </Button>
      </Group>
      {dates.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('availability.away.none')}
        </Text>
      ) : (
        <ul className="oc-av-dates" aria-label={t('availability.away.listLabel', { count: dates.length })} data-testid={`${idPrefix}-away-list`}>
          {dates.map((day) => {
            const label = formatDay(day, lang);
            return (
              <li key={day} data-day={day}>
                <span>{label}</span>
                <Button id={removeId(day)} variant="subtle" size="sm" onClick={() => remove(day)} aria-label={t('availability.away.remove', { date: label })}>
                  {t('availability.away.removeShort')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <VisuallyHidden role="status">{announce}</VisuallyHidden>
    </Box>
  );
}
