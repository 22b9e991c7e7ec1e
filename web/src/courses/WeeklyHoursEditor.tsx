/**
 * Weekly open hours of a lecturer or a room, edited by keyboard: for each weekday a list of
 * "from – to" rows typed as HH:mm, with buttons to add and remove rows (no dragging on a grid).
 * With no rows anywhere the record is empty, which the timetable reads as "at any time"; once one
 * day has rows, a day without rows is closed, and the editor says so on every day.
 */
import { Box, Button, Group, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyDay, emptyWeekly, isAnyTime, normaliseClock, rowErrors, weeklyTarget, WEEKDAYS, MAX_RANGES_PER_DAY, type Weekday, type WeeklyDraft } from './availability';
import './availability.css';

export const rangeInputId = (idPrefix: string, day: Weekday, index: number, part: 'from' | 'to') => `${idPrefix}-${day}-${index}-${part}`;
const addButtonId = (idPrefix: string, day: Weekday) => `${idPrefix}-${day}-add`;
const WORKDAYS: readonly Weekday[] = ['2', '3', '4', '5'];

type T = (key: string, params?: Record<string, string | number>) => string;

/** The accessible name of a row's input: "Monday, from", then "Monday, range 2, from". */
function rangeLabel(t: T, day: Weekday, index: number, part: 'from' | 'to'): string {
  const name = t(`availability.weekday.${day}`);
  return index === 0 ? t(`availability.weekly.${part}Label`, { day: name }) : t(`availability.weekly.${part}LabelN`, { day: name, n: index + 1 });
}

/**
 * Names the input an error path is about and gives its id, for the error summary's links:
 * 'weekly.1.0' → "Monday, to". Undefined for paths outside this editor.
 */
export function useWeeklyFieldOf(root: string, idPrefix: string): (path: string) => { label: string; id: string } | undefined {
  const { t } = useTranslation('courses');
  return (path) => {
    const target = weeklyTarget(path, root);
    if (!target) return undefined;
    if (target.day === undefined) return { label: t('availability.weekly.heading'), id: addButtonId(idPrefix, '1') };
    if (target.index === undefined) return { label: t(`availability.weekday.${target.day}`), id: addButtonId(idPrefix, target.day) };
    return { label: rangeLabel(t, target.day, target.index, target.part), id: rangeInputId(idPrefix, target.day, target.index, target.part) };
  };
}

interface Props {
  /** The error paths' root: 'weekly' for a lecturer, 'availability' for a room. */
  root: string;
  /** Makes the ids of this editor's inputs unique in the page. */
  idPrefix: string;
  value: WeeklyDraft;
  onChange: (next: WeeklyDraft) => void;
  /** Field path → message (quick checks and the server's), as useDialogSubmit keeps them. */
  errors: Record<string, string>;
  headingOrder: 2 | 3;
  heading?: string;
}

export function WeeklyHoursEditor({ root, idPrefix, value, onChange, errors, headingOrder, heading }: Props) {
  const { t } = useTranslation('courses');
  const seq = useRef(0);
  const focusNext = useRef<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const anyTime = isAnyTime(value);
  const headingId = `${idPrefix}-heading`;
  const helpId = `${idPrefix}-help`;

  // Focus follows the change a button made: into a new row, or back to the day's add button.
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [value]);

  const newKey = () => `n${(seq.current += 1)}`;
  const setDay = (day: Weekday, rows: WeeklyDraft[Weekday]) => onChange({ ...value, [day]: rows });
  const add = (day: Weekday) => {
    const rows = value[day];
    // The first row covers the campus day (all four slots); later rows start empty.
    const row = rows.length === 0 ? { key: newKey(), from: '09:00', to: '21:00' } : { key: newKey(), from: '', to: '' };
    focusNext.current = rangeInputId(idPrefix, day, rows.length, 'from');
    setDay(day, [...rows, row]);
    setAnnounce(t('availability.weekly.added', { day: t(`availability.weekday.${day}`) }));
  };
  const remove = (day: Weekday, index: number) => {
    focusNext.current = addButtonId(idPrefix, day);
    setDay(
      day,
      value[day].filter((_, i) => i !== index),
    );
    setAnnounce(t('availability.weekly.removed', { day: t(`availability.weekday.${day}`) }));
  };
  const edit = (day: Weekday, index: number, part: 'from' | 'to', text: string) => {
    if (value[day][index]?.[part] === text) return;
    setDay(
      day,
      value[day].map((r, i) => (i === index ? { ...r, [part]: text } : r)),
    );
  };
  const copyMonday = () => {
    onChange(copyDay(value, '1', WORKDAYS, () => newKey()));
    setAnnounce(t('availability.weekly.copied'));
  };
  const clearAll = () => {
    focusNext.current = addButtonId(idPrefix, '1');
    onChange(emptyWeekly());
    setAnnounce(t('availability.weekly.cleared'));
  };
  const rootError = errors[root];

  return (
    <Box component="section" aria-labelledby={headingId} className="oc-availability">
      <Title order={headingOrder} size="h4" id={headingId} mb={4}>
        {heading ?? t('availability.weekly.heading')}
      </Title>
      <Text size="sm" id={helpId}>
        {t('availability.weekly.help')}
      </Text>
      <Text size="sm" fw={700} mt="xs" data-testid={`${idPrefix}-mode`}>
        {anyTime ? t('availability.weekly.anyTime') : t('availability.weekly.limited')}
      </Text>
      {rootError && (
        <Text size="sm" c="red.9" mt="xs">
          {rootError}
        </Text>
      )}
      <div className="oc-av-days">
        {WEEKDAYS.map((day) => {
          const dayName = t(`availability.weekday.${day}`);
          const rows = value[day];
          const dayError = errors[`${root}.${day}`];
          return (
            <div key={day} role="group" aria-labelledby={`${idPrefix}-${day}-name`} aria-describedby={helpId} className="oc-av-day" data-testid={`${idPrefix}-day-${day}`}>
              <Text fw={700} id={`${idPrefix}-${day}-name`} className="oc-av-day-name">
                {dayName}
              </Text>
              <div className="oc-av-day-body">
                {rows.length > 0 && (
                  <ul className="oc-av-ranges">
                    {rows.map((row, i) => {
                      const err = rowErrors(errors, root, day, i);
                      return (
                        <li key={row.key}>
                          <Group gap="xs" align="flex-start" wrap="wrap">
                            <TextInput
                              id={rangeInputId(idPrefix, day, i, 'from')}
                              label={t('availability.weekly.from')}
                              aria-label={rangeLabel(t, day, i, 'from')}
                              value={row.from}
                              onChange={(e) => edit(day, i, 'from', e.currentTarget.value)}
                              onBlur={(e) => edit(day, i, 'from', normaliseClock(e.currentTarget.value))}
                              error={err.from}
                              autoComplete="off"
                              maxLength={5}
                              className="oc-av-time"
                              size="sm"
                            />
                            <TextInput
                              id={rangeInputId(idPrefix, day, i, 'to')}
                              label={t('availability.weekly.to')}
                              aria-label={rangeLabel(t, day, i, 'to')}
                              value={row.to}
                              onChange={(e) => edit(day, i, 'to', e.currentTarget.value)}
                              onBlur={(e) => edit(day, i, 'to', normaliseClock(e.currentTarget.value))}
                              error={err.to}
                              autoComplete="off"
                              maxLength={5}
                              className="oc-av-time"
                              size="sm"
                            />
                            <Button variant="default" size="sm" className="oc-av-remove" onClick={() => remove(day, i)} aria-label={t(i === 0 ? 'availability.weekly.remove' : 'availability.weekly.removeN', { day: dayName, n: i + 1 })}>
                              {t('availability.weekly.removeShort')}
                            </Button>
                          </Group>
                        </li>
                      );
                    })}
                  </ul>
                )}
                {dayError && (
                  <Text size="sm" c="red.9">
                    {dayError}
                  </Text>
                )}
                <Group gap="md" align="center">
                  {rows.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {anyTime ? t('availability.weekly.dayAny') : t('availability.weekly.dayClosed')}
                    </Text>
                  )}
                  <Button
                    id={addButtonId(idPrefix, day)}
                    variant="subtle"
                    size="sm"
                    onClick={() => add(day)}
                    disabled={rows.length >= MAX_RANGES_PER_DAY}
                    aria-label={t('availability.weekly.add', { day: dayName })}
                  >
                    {t('availability.weekly.addShort')}
                  </Button>
                </Group>
              </div>
            </div>
          );
        })}
      </div>
      <Group gap="xs" mt="xs">
        {value['1'].length > 0 && (
          <Button variant="default" size="sm" onClick={copyMonday}>
            {t('availability.weekly.copyMonday')}
          </Button>
        )}
        {!anyTime && (
          <Button variant="default" size="sm" onClick={clearAll}>
            {t('availability.weekly.clear')}
          </Button>
        )}
      </Group>
      <VisuallyHidden role="status">{announce}</VisuallyHidden>
    </Box>
  );
}
