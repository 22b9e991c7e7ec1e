/**
 * The budget editor: the 산출내역 table with planned and actual amounts, and per line editing,
 * sub-lines, moving, deleting and spending. Every change reloads the whole budget, so the server's
 * totals (groups, the plan total, execution rates) are what the page shows.
 */
import { ActionIcon, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formulaText } from '../../../src/core/budget/budget';
import type { BudgetLineViewT, BudgetViewT } from '../../../src/shared/contracts/plan';
import { usePageTitle } from '../app/usePageTitle';
import { del, get, post } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLang, useLocalized } from '../lib/text';
import { useLoad, useLoadErrorText } from '../lib/useApiGet';
import { BudgetLineDialog, type LineDialogMode } from './BudgetLineDialog';
import { ConfirmDialog } from './components/ConfirmDialog';
import { formatRate, formatThousandKrw } from './components/format';
import { StatusMessage } from './components/StatusMessage';
import { useRefocus } from './components/useRefocus';
import { failureOf } from './form-errors';
import { SpendingDialog } from './SpendingDialog';
import { descendantIds, siblingPlace } from './tree';

const buttonId = (lineId: string, action: string) => `budget-${action}-${lineId}`;

export function BudgetEditorPage() {
  const { t } = useTranslation('admin');
  const lang = useLang();
  const localized = useLocalized();
  usePageTitle(t('budget.title'));
  const loadError = useLoadErrorText();
  const budget = useLoad(() => get<BudgetViewT>('/budget'));
  const [dialog, setDialog] = useState<LineDialogMode | null>(null);
  const [deleting, setDeleting] = useState<BudgetLineViewT | null>(null);
  const [spendingId, setSpendingId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [moveError, setMoveError] = useState<string | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const setRefocus = useRefocus(budget.data);

  const lines = budget.data?.lines ?? [];
  const nameOf = (line: BudgetLineViewT) => localized(line.title).text;
  const spendingLine = spendingId ? (lines.find((l) => l.id === spendingId) ?? null) : null;

  const afterChange = async (message: string) => {
    await budget.reload();
    setStatus(message);
  };

  const move = async (line: BudgetLineViewT, direction: 'up' | 'down') => {
    const place = siblingPlace(lines, line.id);
    const position = place?.[direction];
    if (position === null || position === undefined) return;
    setMoveError(undefined);
    try {
      await post(`/admin/budget-lines/${line.id}/move`, { parentId: line.parentId, position });
      await afterChange(t(direction === 'up' ? 'budget.status.movedUp' : 'budget.status.movedDown', { line: nameOf(line) }));
      const other = direction === 'up' ? 'down' : 'up';
      setRefocus([buttonId(line.id, direction), buttonId(line.id, other)]);
    } catch (e) {
      setMoveError(failureOf(e, t('errors.network')).summary);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    await del(`/admin/budget-lines/${deleting.id}`);
    const name = nameOf(deleting);
    setDeleting(null);
    await afterChange(t('budget.status.deleted', { line: name }));
    // The row and its buttons are gone: continue from the page heading.
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  const deletingChildren = deleting ? descendantIds(lines, deleting.id).size : 0;
  const data = budget.data;

  return (
    <Stack>
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('budget.title')}
      </Title>
      <Text>{t('budget.intro')}</Text>
      <StatusMessage message={status} />
      <ErrorSummary title={loadError(budget.error) ?? moveError} />
      {!data && budget.loading && <Loading />}
      {data && (
        <>
          <Group justify="space-between" align="flex-end">
            <Text fw={700}>
              {t('budget.totals', {
                planned: formatThousandKrw(data.planned),
                actual: formatThousandKrw(data.actual ?? 0),
                rate: formatRate(data.executionRate, lang) ?? t('budget.noRate'),
              })}
            </Text>
            <Button onClick={() => setDialog({ kind: 'add', parentId: null })}>{t('budget.addTop')}</Button>
          </Group>
          <Table.ScrollContainer minWidth={960}>
            <Table withTableBorder withColumnBorders verticalSpacing="xs" captionSide="top" data-testid="budget-table">
              <Table.Caption>{t('budget.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ minWidth: '13rem' }}>
                    {t('budget.col.item')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('budget.col.planned')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ minWidth: '10rem' }}>
                    {t('budget.col.formula')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('budget.col.actual')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('budget.col.rate')}
                  </Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.lines.map((line) => {
                  const place = siblingPlace(data.lines, line.id);
                  const name = nameOf(line);
                  return (
                    <Table.Tr key={line.id} data-line-id={line.id}>
                      <Table.Th scope="row" fw={line.kind === 'group' ? 700 : 400} style={{ paddingInlineStart: `calc(0.75rem + ${line.depth * 1.5}rem)` }}>
                        {line.depth > 0 && <VisuallyHidden>{t('budget.level', { level: line.depth + 1 })}</VisuallyHidden>}
                        <Loc value={line.title} />
                      </Table.Th>
                      <Table.Td className="oc-num" data-testid="planned">
                        {formatThousandKrw(line.planned)}
                      </Table.Td>
                      <Table.Td>{line.kind === 'formula' && line.unitPrice !== null ? formulaText(line.unitPrice, line.factors, lang) : line.kind === 'group' ? t('budget.kind.group') : ''}</Table.Td>
                      <Table.Td className="oc-num">{formatThousandKrw(line.actual ?? 0)}</Table.Td>
                      <Table.Td className="oc-num">{formatRate(line.executionRate, lang) ?? t('budget.noRate')}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="wrap">
                          <Button size="xs" variant="default" id={buttonId(line.id, 'edit')} onClick={() => setDialog({ kind: 'edit', line })} aria-label={t('budget.actions.edit', { line: name })}>
                            {t('common.edit')}
                          </Button>
                          <ActionIcon
                            variant="default"
                            size="lg"
                            id={buttonId(line.id, 'up')}
                            disabled={place?.up === null}
                            onClick={() => void move(line, 'up')}
                            aria-label={t('budget.actions.moveUp', { line: name })}
                          >
                            <span aria-hidden="true">↑</span>
                          </ActionIcon>
                          <ActionIcon
                            variant="default"
                            size="lg"
                            id={buttonId(line.id, 'down')}
                            disabled={place?.down === null}
                            onClick={() => void move(line, 'down')}
                            aria-label={t('budget.actions.moveDown', { line: name })}
                          >
                            <span aria-hidden="true">↓</span>
                          </ActionIcon>
                          {line.kind === 'group' && (
                            <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'add', parentId: line.id })} aria-label={t('budget.actions.addChild', { line: name })}>
                              {t('budget.addChild')}
                            </Button>
                          )}
                          <Button size="xs" variant="default" onClick={() => setSpendingId(line.id)} aria-label={t('budget.actions.spending', { line: name })}>
                            {t('budget.spending')}
                          </Button>
                          <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting(line)} aria-label={t('budget.actions.delete', { line: name })}>
                            {t('common.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('budget.total')}</Table.Th>
                  <Table.Td className="oc-num" fw={700} data-testid="budget-total">
                    {formatThousandKrw(data.planned)}
                  </Table.Td>
                  <Table.Td />
                  <Table.Td className="oc-num" fw={700}>
                    {formatThousandKrw(data.actual ?? 0)}
                  </Table.Td>
                  <Table.Td className="oc-num" fw={700}>
                    {formatRate(data.executionRate, lang) ?? t('budget.noRate')}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <BudgetLineDialog mode={dialog} lines={lines} onClose={() => setDialog(null)} onSaved={afterChange} />
      <SpendingDialog line={spendingLine} onClose={() => setSpendingId(null)} onChanged={budget.reload} />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? t('budget.delete.title', { line: nameOf(deleting) }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      >
        {deletingChildren > 0 ? t('budget.delete.withChildren', { count: deletingChildren }) : t('budget.delete.body')}
      </ConfirmDialog>
    </Stack>
  );
}
