/**
 * The one table for staff lists that page on the server: a caption, column headers, an empty
 * state, "n–m of total" and previous/next buttons (plain buttons, so the keyboard reaches them), and
 * an optional labelled filter box. The page keeps the query (page, filters) and loads the answer
 * with usePagedList, which keeps the previous page shown while the next one arrives, so focus stays
 * on the button that was pressed.
 */
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PagedT } from '../../../src/shared/contracts/paging';
import { get } from '../lib/api';
import { useLoad, type ApiGetState } from '../lib/useApiGet';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** The cell that names the row (a row header, th scope=row). */
  rowHeader?: boolean;
  /** A class on the column's header and cells (e.g. oc-num for right-aligned figures). */
  className?: string;
  /** A whole header cell in place of the plain one (a sortable column's SortHeader, itself a th). */
  th?: ReactNode;
}

/** The text of a page's range: "51–100 of 300". */
export function rangeOf(page: Pick<PagedT<unknown>, 'page' | 'pageSize' | 'total'>, shown: number): { from: number; to: number; total: number } {
  const from = shown === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  return { from, to: shown === 0 ? 0 : from + shown - 1, total: page.total };
}

export function lastPageOf(page: Pick<PagedT<unknown>, 'pageSize' | 'total'>): number {
  return Math.max(1, Math.ceil(page.total / page.pageSize));
}

/** Builds `base?k=v&…` from the set parameters (empty strings and undefined are left out). */
export function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/**
 * Loads one page of a paged list; when the query changes, the previous answer stays shown until
 * the next arrives (a changed `base`, i.e. another list, drops it).
 */
export function usePagedList<T>(base: string, params: Record<string, string | number | undefined>): ApiGetState<T> {
  const path = withQuery(base, params);
  const state = useLoad(() => get<T>(path), [base]);
  const first = useRef(true);
  const reload = state.reload;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [path, reload]);
  return state;
}

/** A labelled search box that reports its text a moment after typing stops. */
export function FilterBox({ label, value, onChange, testId }: { label: string; value: string; onChange: (text: string) => void; testId?: string }) {
  const [text, setText] = useState(value);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => latest.current(text), 300);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return <TextInput type="search" label={label} value={text} onChange={(e) => setText(e.currentTarget.value)} w={280} data-testid={testId} />;
}

export interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  data: PagedT<T>;
  rowKey: (item: T) => string;
  onPage: (page: number) => void;
  empty: string;
  minWidth?: number;
  testId?: string;
  /** data-* attributes of a row (what tests and styles read, e.g. an applicant's outcome). */
  rowData?: (item: T) => Record<`data-${string}`, string>;
}

export function DataTable<T>({ caption, columns, data, rowKey, onPage, empty, minWidth = 720, testId, rowData }: DataTableProps<T>) {
  const { t } = useTranslation();
  const range = rangeOf(data, data.items.length);
  const last = lastPageOf(data);
  const rangeText = t('table.range', range);
  return (
    <Stack gap="xs">
      {data.items.length === 0 ? (
        <Text data-testid={testId ? `${testId}-empty` : undefined}>{empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid={testId}>
            <Table.Caption>
              {caption} ({rangeText})
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) =>
                  c.th !== undefined ? (
                    <Fragment key={c.key}>{c.th}</Fragment>
                  ) : (
                    <Table.Th key={c.key} scope="col" className={c.className}>
                      {c.header}
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((item) => (
                <Table.Tr key={rowKey(item)} {...rowData?.(item)}>
                  {columns.map((c) =>
                    c.rowHeader ? (
                      <Table.Th key={c.key} scope="row" fw={400} className={c.className}>
                        {c.cell(item)}
                      </Table.Th>
                    ) : (
                      <Table.Td key={c.key} className={c.className}>
                        {c.cell(item)}
                      </Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data.total > 0 && (
        <Group component="nav" aria-label={t('table.paging', { caption })} gap="sm" data-testid={testId ? `${testId}-paging` : undefined}>
          <Button variant="default" size="xs" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
            {t('table.previous')}
          </Button>
          <Text size="sm" role="status" aria-live="polite" data-testid={testId ? `${testId}-range` : undefined}>
            {t('table.pageOf', { page: data.page, last })} · {rangeText}
          </Text>
          <Button variant="default" size="xs" disabled={data.page >= last} onClick={() => onPage(data.page + 1)}>
            {t('table.next')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
