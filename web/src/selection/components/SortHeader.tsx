import { Table, UnstyledButton } from '@mantine/core';
import type { SortDirection } from '../format';

interface Props {
  label: string;
  /** This column's order, or null when the table is sorted by another column. */
  direction: SortDirection | null;
  onSort: () => void;
  numeric?: boolean;
  testId?: string;
}

/**
 * A column header that sorts the table: a real button inside the <th> named by the column's own
 * words, and aria-sort on the header of the sorted column only (WAI-ARIA sortable table pattern),
 * so the order is announced with the header. The arrow is decoration.
 */
export function SortHeader({ label, direction, onSort, numeric = false, testId }: Props) {
  const arrow = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕';
  return (
    <Table.Th scope="col" aria-sort={direction ?? undefined} className={numeric ? 'oc-num' : undefined}>
      <UnstyledButton className="oc-sort-button" onClick={onSort} data-testid={testId}>
        {label}
        <span aria-hidden="true" className="oc-sort-arrow">
          {arrow}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
