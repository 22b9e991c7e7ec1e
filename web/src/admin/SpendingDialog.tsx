/** Actual spending recorded against one budget line: the entries, adding one, removing one. */
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_KRW } from '../../../src/core/budget/money';
import type { BudgetLineViewT, SpendingViewT } from '../../../src/shared/contracts/plan';
import { del, get, post } from '../lib/api';
import { seoulDayKey } from '../lib/format';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useLocalized } from '../lib/text';
import { useLoad, useLoadErrorText } from '../lib/useApiGet';
import { emptySpendingForm, parseWhole, spendingFormToInput, validateSpendingForm, type SpendingForm } from './budget-form';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { formatThousandKrw, groupDigits } from './components/format';
import { LocalizedInputs } from './components/LocalizedInputs';
import { StatusMessage } from './components/StatusMessage';
import { failureOf } from './form-errors';

/** Today in Seoul, as YYYY-MM-DD: the default spending date. */
function seoulToday(): string {
  return seoulDayKey(new Date());
}

interface Props {
  line: BudgetLineViewT | null;
  onClose: () => void;
  /** Spending changes the line's actual amount: the page reloads the budget. */
  onChanged: () => Promise<void>;
}

export function SpendingDialog({ line, onClose, onChanged }: Props) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  return (
    <AdminModal opened={line !== null} onClose={onClose} title={line ? t('spending.title', { line: localized(line.title).text }) : ''} size="xl">
      {line && <SpendingBody key={line.id} line={line} onChanged={onChanged} />}
    </AdminModal>
  );
}

function SpendingBody({ line, onChanged }: { line: BudgetLineViewT; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const loadError = useLoadErrorText();
  const entries = useLoad(() => get<SpendingViewT[]>(`/admin/budget-lines/${line.id}/spending`));
  const [form, setForm] = useState<SpendingForm>(() => emptySpendingForm(seoulToday()));
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | undefined>();
  const amountRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const lineName = localized(line.title).text;
  const describe = (s: SpendingViewT) => t('spending.entry', { date: s.spentOn, amount: groupDigits(s.amount) });

  const add = async () => {
    await dialog.submit(validateSpendingForm(form), async () => {
      const created = await post<SpendingViewT>(`/admin/budget-lines/${line.id}/spending`, spendingFormToInput(form));
      setForm(emptySpendingForm(form.spentOn));
      await Promise.all([entries.reload(), onChanged()]);
      setStatus(t('spending.status.added', { entry: describe(created) }));
      amountRef.current?.focus();
    });
  };

  const remove = async (entry: SpendingViewT) => {
    setDeleteError(undefined);
    try {
      await del(`/admin/budget-lines/${line.id}/spending/${entry.id}`);
      setConfirming(null);
      await Promise.all([entries.reload(), onChanged()]);
      setStatus(t('spending.status.deleted', { entry: describe(entry) }));
      amountRef.current?.focus();
    } catch (e) {
      setDeleteError(failureOf(e, t('errors.network')).summary);
    }
  };

  const list = entries.data ?? [];
  const labels: Record<string, string> = {
    amount: t('spending.fields.amountWon'),
    spentOn: t('spending.fields.spentOn'),
    'description.ko': t('common.inKo', { label: t('spending.fields.description') }),
    'description.en': t('common.inEn', { label: t('spending.fields.description') }),
  };
  const amount = parseWhole(form.amount, MAX_KRW);
  return (
    <Stack>
      <Text size="sm">
        {t('spending.totals', {
          planned: formatThousandKrw(line.planned),
          actual: formatThousandKrw(line.actual ?? 0),
        })}
      </Text>
      <StatusMessage message={status} />
      <ErrorSummary title={loadError(entries.error) ?? deleteError} />
      <section aria-labelledby="spending-list-heading">
        <Title order={3} size="h4" id="spending-list-heading" mb="xs">
          {t('spending.listHeading')}
        </Title>
        {entries.loading && !entries.data ? (
          <Loading />
        ) : list.length === 0 ? (
          <Text>{t('spending.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('spending.fields.spentOn')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('spending.fields.amountWon')}
                  </Table.Th>
                  <Table.Th scope="col">{t('spending.fields.description')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.spentOn}</Table.Td>
                    <Table.Td className="oc-num">{groupDigits(s.amount)}</Table.Td>
                    <Table.Td>
                      <Loc value={s.description} />
                    </Table.Td>
                    <Table.Td>
                      {confirming === s.id ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button ref={confirmRef} size="xs" color="red.9" onClick={() => void remove(s)} aria-label={t('spending.confirmDeleteLabel', { entry: describe(s) })}>
                            {t('spending.confirmDelete')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </Button>
                        </Group>
                      ) : (
                        <Button size="xs" variant="default" onClick={() => setConfirming(s.id)} aria-label={t('spending.deleteLabel', { entry: describe(s) })}>
                          {t('common.delete')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
      <DialogForm
        state={dialog}
        onSubmit={add}
        labelOf={(p) => labels[p]}
        submitLabel={t('spending.add')}
        aria-labelledby="spending-add-heading"
        gap="sm"
        heading={
          <Title order={3} size="h4" id="spending-add-heading">
            {t('spending.addHeading', { line: lineName })}
          </Title>
        }
      >
        <Group align="flex-start" grow>
          <TextInput
            ref={amountRef}
            label={t('spending.fields.amountWon')}
            inputMode="numeric"
            value={form.amount}
            onChange={(e) => {
              const amount = e.currentTarget.value;
              setForm((f) => ({ ...f, amount }));
            }}
            error={errors.amount}
            description={amount.ok ? t('common.thousandWon', { amount: formatThousandKrw(amount.value) }) : undefined}
            required
            data-autofocus
          />
          <TextInput
            type="date"
            label={t('spending.fields.spentOn')}
            value={form.spentOn}
            onChange={(e) => {
              const spentOn = e.currentTarget.value;
              setForm((f) => ({ ...f, spentOn }));
            }}
            error={errors.spentOn}
            required
          />
        </Group>
        <LocalizedInputs
          label={t('spending.fields.description')}
          path="description"
          ko={form.descriptionKo}
          en={form.descriptionEn}
          onChange={({ ko, en }) => setForm((f) => ({ ...f, descriptionKo: ko, descriptionEn: en }))}
          errors={errors}
          requiredKo
        />
      </DialogForm>
    </Stack>
  );
}
