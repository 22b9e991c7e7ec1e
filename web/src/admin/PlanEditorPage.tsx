/**
 * Work packages and milestones: lists in plan order with edit, delete and move up/down (buttons,
 * so ordering works from the keyboard), and dialogs to add or edit.
 */
import { ActionIcon, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetViewT, MilestoneViewT, PlanViewT, WorkPackageViewT } from '../../../src/shared/contracts/plan';
import { usePageTitle } from '../app/usePageTitle';
import { del, get, patch } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLocalized } from '../lib/text';
import { useLoad, useLoadErrorText } from '../lib/useApiGet';
import { ConfirmDialog } from './components/ConfirmDialog';
import { formatThousandKrw } from './components/format';
import { StatusMessage } from './components/StatusMessage';
import { useRefocus } from './components/useRefocus';
import { failureOf } from './form-errors';
import { MilestoneDialog, type MilestoneDialogMode } from './MilestoneDialog';
import { stepPosition } from './tree';
import { WorkPackageDialog, type WorkPackageDialogMode } from './WorkPackageDialog';

interface PageData {
  plan: PlanViewT;
  budget: BudgetViewT;
}

type Deleting = { kind: 'wp'; item: WorkPackageViewT } | { kind: 'ms'; item: MilestoneViewT };

const buttonId = (id: string, action: string) => `plan-${action}-${id}`;

interface MoveButtonsProps {
  id: string;
  index: number;
  count: number;
  name: string;
  onMove: (position: number, direction: 'up' | 'down') => void;
}

function MoveButtons({ id, index, count, name, onMove }: MoveButtonsProps) {
  const { t } = useTranslation('admin');
  const up = stepPosition(index, count, -1);
  const down = stepPosition(index, count, 1);
  return (
    <>
      <ActionIcon variant="default" size="lg" id={buttonId(id, 'up')} disabled={up === null} onClick={() => up !== null && onMove(up, 'up')} aria-label={t('plan.actions.moveUp', { name })}>
        <span aria-hidden="true">↑</span>
      </ActionIcon>
      <ActionIcon variant="default" size="lg" id={buttonId(id, 'down')} disabled={down === null} onClick={() => down !== null && onMove(down, 'down')} aria-label={t('plan.actions.moveDown', { name })}>
        <span aria-hidden="true">↓</span>
      </ActionIcon>
    </>
  );
}

export function PlanEditorPage() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  usePageTitle(t('plan.title'));
  const loadError = useLoadErrorText();
  const page = useLoad(async (): Promise<PageData> => {
    const [plan, budget] = await Promise.all([get<PlanViewT>('/plan'), get<BudgetViewT>('/budget')]);
    return { plan, budget };
  });
  const [wpDialog, setWpDialog] = useState<WorkPackageDialogMode | null>(null);
  const [msDialog, setMsDialog] = useState<MilestoneDialogMode | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<string | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const setRefocus = useRefocus(page.data);

  const afterChange = async (message: string) => {
    await page.reload();
    setStatus(message);
  };

  const period = (p: { start: string; end: string }) => (p.start === p.end ? p.start : t('plan.fields.range', { start: p.start, end: p.end }));
  const wpName = (w: WorkPackageViewT) => `${w.code} ${localized(w.title).text}`;
  const msName = (m: MilestoneViewT) => localized(m.title).text;

  const move = async (path: string, id: string, position: number, direction: 'up' | 'down', name: string) => {
    setActionError(undefined);
    try {
      await patch(`${path}/${id}`, { position });
      await afterChange(t(direction === 'up' ? 'plan.status.movedUp' : 'plan.status.movedDown', { name }));
      setRefocus([buttonId(id, direction), buttonId(id, direction === 'up' ? 'down' : 'up')]);
    } catch (e) {
      setActionError(failureOf(e, t('errors.network')).summary);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    const name = deleting.kind === 'wp' ? wpName(deleting.item) : msName(deleting.item);
    await del(`${deleting.kind === 'wp' ? '/admin/work-packages' : '/admin/milestones'}/${deleting.item.id}`);
    setDeleting(null);
    await afterChange(t('plan.status.deleted', { name }));
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  const data = page.data;
  const wps = data?.plan.workPackages ?? [];
  const milestones = data?.plan.milestones ?? [];
  const wpById = new Map(wps.map((w) => [w.id, w]));

  return (
    <Stack>
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('plan.title')}
      </Title>
      <StatusMessage message={status} />
      <ErrorSummary title={loadError(page.error) ?? actionError} />
      {!data && page.loading && <Loading />}
      {data && (
        <>
          <section aria-labelledby="wp-heading">
            <Group justify="space-between" mb="sm">
              <Title order={2} id="wp-heading">
                {t('plan.wp.heading')}
              </Title>
              <Button onClick={() => setWpDialog({ kind: 'add' })}>{t('plan.wp.add')}</Button>
            </Group>
            {wps.length === 0 ? (
              <Text>{t('plan.wp.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={820}>
                <Table withTableBorder verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('plan.wp.code')}</Table.Th>
                      <Table.Th scope="col">{t('plan.fields.title')}</Table.Th>
                      <Table.Th scope="col">{t('plan.fields.period')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('plan.wp.budgetCol')}
                      </Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {wps.map((w, i) => {
                      const name = wpName(w);
                      return (
                        <Table.Tr key={w.id}>
                          <Table.Td>{w.code}</Table.Td>
                          <Table.Th scope="row" fw={400}>
                            <Loc value={w.title} />
                          </Table.Th>
                          <Table.Td>{period(w)}</Table.Td>
                          <Table.Td className="oc-num">{w.budget === null ? t('plan.wp.noBudget') : formatThousandKrw(w.budget)}</Table.Td>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Button size="xs" variant="default" onClick={() => setWpDialog({ kind: 'edit', workPackage: w })} aria-label={t('plan.actions.edit', { name })}>
                                {t('common.edit')}
                              </Button>
                              <MoveButtons id={w.id} index={i} count={wps.length} name={name} onMove={(p, d) => void move('/admin/work-packages', w.id, p, d, name)} />
                              <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting({ kind: 'wp', item: w })} aria-label={t('plan.actions.delete', { name })}>
                                {t('common.delete')}
                              </Button>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>

          <section aria-labelledby="ms-heading">
            <Group justify="space-between" mb="sm">
              <Title order={2} id="ms-heading">
                {t('plan.ms.heading')}
              </Title>
              <Button onClick={() => setMsDialog({ kind: 'add' })}>{t('plan.ms.add')}</Button>
            </Group>
            {milestones.length === 0 ? (
              <Text>{t('plan.ms.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={820}>
                <Table withTableBorder verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('plan.fields.title')}</Table.Th>
                      <Table.Th scope="col">{t('plan.fields.period')}</Table.Th>
                      <Table.Th scope="col">{t('plan.ms.workPackage')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {milestones.map((m, i) => {
                      const name = msName(m);
                      const wp = m.workPackageId ? wpById.get(m.workPackageId) : undefined;
                      return (
                        <Table.Tr key={m.id}>
                          <Table.Th scope="row" fw={400}>
                            <Loc value={m.title} />
                          </Table.Th>
                          <Table.Td>{period(m)}</Table.Td>
                          <Table.Td>{wp ? wp.code : t('plan.ms.noWorkPackage')}</Table.Td>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Button size="xs" variant="default" onClick={() => setMsDialog({ kind: 'edit', milestone: m })} aria-label={t('plan.actions.edit', { name })}>
                                {t('common.edit')}
                              </Button>
                              <MoveButtons id={m.id} index={i} count={milestones.length} name={name} onMove={(p, d) => void move('/admin/milestones', m.id, p, d, name)} />
                              <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting({ kind: 'ms', item: m })} aria-label={t('plan.actions.delete', { name })}>
                                {t('common.delete')}
                              </Button>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
        </>
      )}
      <WorkPackageDialog mode={wpDialog} budgetLines={data?.budget.lines ?? []} onClose={() => setWpDialog(null)} onSaved={afterChange} />
      <MilestoneDialog mode={msDialog} workPackages={wps} onClose={() => setMsDialog(null)} onSaved={afterChange} />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? t('plan.delete.title', { name: deleting.kind === 'wp' ? wpName(deleting.item) : msName(deleting.item) }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      >
        {deleting?.kind === 'wp' ? t('plan.delete.wpBody') : t('plan.delete.msBody')}
      </ConfirmDialog>
    </Stack>
  );
}
