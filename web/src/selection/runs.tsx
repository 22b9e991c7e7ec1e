/**
 * What the assignment and selection pages show alike about their runs: the table of past runs with
 * a button to show one, and the list of reasons a run found no answer.
 */
import { Alert, Box, Button, List, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../src/core/shared/localized';
import { formatAuditTime } from '../admin/audit-format';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang } from '../lib/text';
import type { ApiGetState } from '../lib/useApiGet';

interface Column<R> {
  header: string;
  cell: (run: R) => ReactNode;
  /** A figure: right-aligned. */
  num?: boolean;
  /** Long text without spaces (a seed) may break anywhere. */
  wrap?: boolean;
}

interface RunHistoryProps<R> {
  /** The page's words: heading, caption, empty, col.when, show, shown, showLabel, shownLabel. */
  keys: 'assignment.runs' | 'selection.runs';
  /** The table's test id; its heading's id adds "-heading". */
  testId: string;
  state: ApiGetState<{ runs: R[] }>;
  /** The columns between the start time and the show button. */
  columns: Column<R>[];
  /** Said under the start time, e.g. that the run was finalised. */
  note?: (run: R) => ReactNode;
  shownId: string | null;
  onShow: (run: R) => void;
}

/** The section of past runs, newest first; the one on show has its button disabled. */
export function RunHistory<R extends { id: string; createdAt: string }>({ keys, testId, state, columns, note, shownId, onShow }: RunHistoryProps<R>) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  const table = (runs: R[]) => (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid={testId}>
        <Table.Caption>{t(`${keys}.caption`)}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`${keys}.col.when`)}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.header} scope="col" className={c.num ? 'oc-num' : undefined}>
                {c.header}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const when = formatAuditTime(run.createdAt, lang);
            const shown = shownId === run.id;
            return (
              <Table.Tr key={run.id}>
                <Table.Th scope="row" fw={400}>
                  <time dateTime={run.createdAt}>{when}</time>
                  {note?.(run)}
                </Table.Th>
                {columns.map((c) => (
                  <Table.Td key={c.header} className={c.num ? 'oc-num' : undefined} style={c.wrap ? { overflowWrap: 'anywhere' } : undefined}>
                    {c.cell(run)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => onShow(run)} disabled={shown} aria-label={t(shown ? `${keys}.shownLabel` : `${keys}.showLabel`, { when })}>
                    {t(shown ? `${keys}.shown` : `${keys}.show`)}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Box component="section" aria-labelledby={`${testId}-heading`}>
      <Title order={2} size="h3" id={`${testId}-heading`} mb="xs">
        {t(`${keys}.heading`)}
      </Title>
      <LoadState state={state}>{({ runs }) => (runs.length === 0 ? <Text>{t(`${keys}.empty`)}</Text> : table(runs))}</LoadState>
    </Box>
  );
}

/** Why a run found no answer, each reason in the reader's language. */
export function ReasonsAlert({ title, reasons, testId }: { title: string; reasons: { text: LocalizedText }[]; testId: string }) {
  return (
    <Alert color="red.9" variant="outline" title={title} data-testid={testId}>
      <List spacing={4}>
        {reasons.map((r, i) => (
          <List.Item key={i}>
            <Loc value={r.text} />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
