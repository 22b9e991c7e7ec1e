/**
 * Soft slot wishes as a table: weekdays down, the timetable's four slots across, plus "whole day"
 * (a wish about a weekday) and "every day" (a wish about a slot). Each cell is a labelled select —
 * no wish, prefer or avoid — so the table is filled by keyboard, one Tab per cell.
 */
import { Box, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CourseSlotIdT } from '../../../src/shared/contracts/courses';
import { isWishCell, minutesToClock, SLOT_HOURS, SLOTS, WISH_COLUMNS, WISH_ROWS, type Wish, type WishCell, type WishColumn, type WishGrid, type WishRow } from './availability';
import './availability.css';

export const wishSelectId = (idPrefix: string, cell: WishCell) => `${idPrefix}-wish-${cell.replace(':', '-')}`;

type T = (key: string, params?: Record<string, string | number>) => string;

const slotHours = (slot: CourseSlotIdT) => `${minutesToClock(SLOT_HOURS[slot][0])}\u2013${minutesToClock(SLOT_HOURS[slot][1])}`;
const rowName = (t: T, row: WishRow) => (row === 'any' ? t('availability.wishes.anyDay') : t(`availability.weekday.${row}`));
const columnName = (t: T, column: WishColumn) => (column === 'day' ? t('availability.wishes.wholeDay') : t('availability.wishes.slotWithHours', { slot: t(`availability.slot.${column}`), hours: slotHours(column) }));

/** The accessible name of a cell's select: "Monday, Morning (09:00–12:00)". */
export function wishCellLabel(t: T, cell: WishCell): string {
  const [row, column] = cell.split(':') as [WishRow, WishColumn];
  return t('availability.wishes.cell', { day: rowName(t, row), slot: columnName(t, column) });
}

interface Props {
  idPrefix: string;
  value: WishGrid;
  onChange: (next: WishGrid) => void;
  /** Messages about single cells (the server's 'avoided.2', found through the cells that were sent). */
  cellErrors: Partial<Record<WishCell, string>>;
  /** Messages about a whole list (too many wishes). */
  listError?: string | undefined;
  headingOrder: 2 | 3;
}

export function SlotWishesEditor({ idPrefix, value, onChange, cellErrors, listError, headingOrder }: Props) {
  const { t } = useTranslation('courses');
  const headingId = `${idPrefix}-wishes-heading`;
  const options = [
    { value: '', label: t('availability.wishes.none') },
    { value: 'prefer', label: t('availability.wishes.prefer') },
    { value: 'avoid', label: t('availability.wishes.avoid') },
  ];
  const set = (cell: WishCell, wish: string) => {
    const next = { ...value };
    if (wish === 'prefer' || wish === 'avoid') next[cell] = wish as Wish;
    else delete next[cell];
    onChange(next);
  };
  const count = (wish: Wish) => Object.values(value).filter((w) => w === wish).length;

  return (
    <Box component="section" aria-labelledby={headingId} className="oc-availability">
      <Title order={headingOrder} size="h4" id={headingId} mb={4}>
        {t('availability.wishes.heading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('availability.wishes.help')}
      </Text>
      <Text size="sm" mb="xs" data-testid={`${idPrefix}-wish-count`}>
        {t('availability.wishes.count', { prefer: count('prefer'), avoid: count('avoid') })}
      </Text>
      {listError && (
        <Text size="sm" c="red.9" mb="xs">
          {listError}
        </Text>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing="xs" className="oc-av-wishes" aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('availability.wishes.day')}</Table.Th>
              {SLOTS.map((slot) => (
                <Table.Th scope="col" key={slot}>
                  {t(`availability.slot.${slot}`)}
                  <Text component="span" size="xs" display="block" fw={400}>
                    {slotHours(slot)}
                  </Text>
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('availability.wishes.wholeDay')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {WISH_ROWS.map((row) => (
              <Table.Tr key={row}>
                <Table.Th scope="row" fw={row === 'any' ? 700 : 500}>
                  {rowName(t, row)}
                </Table.Th>
                {WISH_COLUMNS.map((column) => {
                  if (!isWishCell(row, column)) return <Table.Td key={column} />;
                  const cell: WishCell = `${row}:${column}`;
                  const wish = value[cell];
                  return (
                    <Table.Td key={column} data-wish={wish}>
                      <NativeSelect
                        id={wishSelectId(idPrefix, cell)}
                        aria-label={wishCellLabel(t, cell)}
                        data={options}
                        value={wish ?? ''}
                        onChange={(e) => set(cell, e.currentTarget.value)}
                        error={cellErrors[cell]}
                        size="sm"
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Box>
  );
}
