/**
 * A lecturer's availability as one form: weekly hours, dates away and slot wishes. The lecturer's
 * own page and the staff dialog both use it; only where it is saved differs. Quick checks run before
 * sending; the server's refusals land next to their inputs, and an error summary with links to them
 * takes focus after every failed save (WCAG 3.3.1).
 */
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LecturerAvailabilityInputT, LecturerAvailabilityViewT } from '../../../src/shared/contracts/courses';
import { useDialogSubmit } from '../admin/components/DialogForm';
import { ErrorSummary, type SummaryItem } from '../lib/forms';
import { useLang } from '../lib/text';
import { lecturerBody, lecturerDraft, wishTarget, type LecturerDraft, type WishCell } from './availability';
import { seoulDateTime } from './public/course-format';
import { awayInputId, AwayDatesEditor } from './AwayDatesEditor';
import { SlotWishesEditor, wishCellLabel, wishSelectId } from './SlotWishesEditor';
import { useWeeklyFieldOf, WeeklyHoursEditor } from './WeeklyHoursEditor';

interface Props {
  initial: LecturerAvailabilityViewT;
  /** Makes ids unique when the form is in a dialog over a page that has one too. */
  idPrefix: string;
  headingOrder: 2 | 3;
  save: (body: LecturerAvailabilityInputT) => Promise<LecturerAvailabilityViewT>;
  onSaved: (view: LecturerAvailabilityViewT) => void | Promise<void>;
  onCancel?: () => void;
  submitLabel: string;
}

export function LecturerAvailabilityForm({ initial, idPrefix, headingOrder, save, onSaved, onCancel, submitLabel }: Props) {
  const { t } = useTranslation('courses');
  const [draft, setDraft] = useState<LecturerDraft>(() => lecturerDraft(initial));
  const [pendingDate, setPendingDate] = useState('');
  const [sent, setSent] = useState<{ preferred: WishCell[]; avoided: WishCell[] }>({ preferred: [], avoided: [] });
  const dialog = useDialogSubmit();
  const weeklyField = useWeeklyFieldOf('weekly', idPrefix);
  const errors = dialog.errors;

  const fieldOf = (path: string): { label: string; id: string } | undefined => {
    const weekly = weeklyField(path);
    if (weekly) return weekly;
    if (path === 'unavailableDates' || path.startsWith('unavailableDates.')) return { label: t('availability.away.date'), id: awayInputId(idPrefix) };
    const cell = wishTarget(path, sent);
    if (cell) return { label: wishCellLabel(t, cell), id: wishSelectId(idPrefix, cell) };
    if (path === 'preferred' || path === 'avoided') return { label: t(`availability.wishes.${path}List`), id: wishSelectId(idPrefix, '1:am') };
    return undefined;
  };
  const items: SummaryItem[] = Object.entries(errors).map(([path, message]) => {
    const field = fieldOf(path);
    return field ? { text: t('admin:errors.item', { label: field.label, message }), target: field.id } : { text: message };
  });
  const dateError = Object.entries(errors).find(([path]) => path === 'unavailableDates' || path.startsWith('unavailableDates.'))?.[1];
  const cellErrors: Partial<Record<WishCell, string>> = {};
  for (const [path, message] of Object.entries(errors)) {
    const cell = wishTarget(path, sent);
    if (cell) cellErrors[cell] = message;
  }

  const submit = async () => {
    const built = lecturerBody(draft, pendingDate);
    await dialog.submit(built.issues, async () => {
      setSent(built.cells);
      const saved = await save(built.body);
      setPendingDate('');
      setDraft(lecturerDraft(saved));
      await onSaved(saved);
    });
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid={`${idPrefix}-form`}
    >
      <Stack gap="lg">
        <ErrorSummary ref={dialog.summaryRef} title={dialog.summary} items={items} />
        <WeeklyHoursEditor root="weekly" idPrefix={idPrefix} value={draft.weekly} onChange={(weekly) => setDraft((d) => ({ ...d, weekly }))} errors={errors} headingOrder={headingOrder} />
        <AwayDatesEditor
          idPrefix={idPrefix}
          dates={draft.dates}
          onChange={(dates) => setDraft((d) => ({ ...d, dates }))}
          text={pendingDate}
          onTextChange={setPendingDate}
          error={dateError}
          headingOrder={headingOrder}
        />
        <SlotWishesEditor
          idPrefix={idPrefix}
          value={draft.wishes}
          onChange={(wishes) => setDraft((d) => ({ ...d, wishes }))}
          cellErrors={cellErrors}
          listError={errors.preferred ?? errors.avoided}
          headingOrder={headingOrder}
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('admin:common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={dialog.busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}

/** When the availability was last saved (Seoul time), or that it never was. */
export function SavedAt({ at }: { at: string | null }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  return (
    <Text size="sm" data-testid="availability-saved-at">
      {at ? t('availability.savedAt', { at: seoulDateTime(at, lang) }) : t('availability.neverSaved')}
    </Text>
  );
}
