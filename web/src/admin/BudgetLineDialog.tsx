/**
 * Adding or editing one budget line: its title, its kind (sum of sub-lines, a fixed amount, or a
 * unit price times factors with a live preview), and, when editing, the group it sits under.
 */
import { Box, Button, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FACTORS } from '../../../src/core/budget/budget';
import { MAX_KRW } from '../../../src/core/budget/money';
import type { BudgetLineViewT } from '../../../src/shared/contracts/plan';
import { patch, post } from '../lib/api';
import { useLang, useLocalized } from '../lib/text';
import {
  emptyFactor,
  emptyLineForm,
  formulaPreview,
  lineFormFromView,
  lineFormToInput,
  lineFormToPatch,
  parseWhole,
  validateLineForm,
  withKind,
  type FactorRow,
  type LineForm,
} from './budget-form';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { formatThousandKrw } from './components/format';
import { LocalizedInputs } from './components/LocalizedInputs';
import { indexedPath } from './form-errors';
import { appendPosition, parentChoices } from './tree';

export type LineDialogMode = { kind: 'edit'; line: BudgetLineViewT } | { kind: 'add'; parentId: string | null };

interface Props {
  mode: LineDialogMode | null;
  lines: readonly BudgetLineViewT[];
  onClose: () => void;
  /** Called after a successful save with the message to announce. */
  onSaved: (message: string) => Promise<void>;
}

export function BudgetLineDialog({ mode, lines, onClose, onSaved }: Props) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const parentTitle = (id: string | null) => (id ? localized(lines.find((l) => l.id === id)?.title).text : '');
  let title = '';
  if (mode?.kind === 'edit') title = t('budget.dialog.editTitle', { line: localized(mode.line.title).text });
  else if (mode?.kind === 'add') title = mode.parentId ? t('budget.dialog.addChildTitle', { parent: parentTitle(mode.parentId) }) : t('budget.dialog.addTopTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} size="xl">
      {mode && <LineFormBody key={mode.kind === 'edit' ? mode.line.id : `add-${mode.parentId ?? 'top'}`} mode={mode} lines={lines} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function LineFormBody({ mode, lines, onClose, onSaved }: Props & { mode: LineDialogMode }) {
  const { t } = useTranslation('admin');
  const lang = useLang();
  const localized = useLocalized();
  const editing = mode.kind === 'edit' ? mode.line : null;
  const initial = editing ? lineFormFromView(editing) : emptyLineForm('fixed');
  const [form, setForm] = useState<LineForm>(initial);
  const [parentId, setParentId] = useState<string | null>(editing ? editing.parentId : mode.kind === 'add' ? mode.parentId : null);
  const dialog = useDialogSubmit();
  const { errors } = dialog;

  const hasChildren = editing ? lines.some((l) => l.parentId === editing.id) : false;
  const set = (next: Partial<LineForm>) => setForm((f) => ({ ...f, ...next }));
  const setFactor = (index: number, next: Partial<FactorRow>) => setForm((f) => ({ ...f, factors: f.factors.map((r, i) => (i === index ? { ...r, ...next } : r)) }));

  const save = async () => {
    await dialog.submit(validateLineForm(form), async () => {
      if (editing) {
        const body = lineFormToPatch(form);
        const unchanged = JSON.stringify(body) === JSON.stringify(lineFormToPatch(lineFormFromView(editing)));
        if (!unchanged) await patch(`/admin/budget-lines/${editing.id}`, body);
        if (parentId !== editing.parentId) {
          await post(`/admin/budget-lines/${editing.id}/move`, { parentId, position: appendPosition(lines, parentId, editing.id) });
        }
        await onSaved(t('budget.status.saved', { line: localized(lineFormToPatch(form).title).text }));
      } else {
        await post('/admin/budget-lines', lineFormToInput(form, parentId));
        await onSaved(t('budget.status.added', { line: localized(lineFormToPatch(form).title).text }));
      }
      onClose();
    });
  };

  const amount = parseWhole(form.amount, MAX_KRW);
  const preview = formulaPreview(form, lang);
  const choices = editing ? parentChoices(lines, editing.id) : [];
  const bilingual = (label: string, lang: string) => t(lang === 'en' ? 'common.inEn' : 'common.inKo', { label });
  const labelOf = (path: string): string | undefined => {
    const row = indexedPath(path);
    if (row?.list === 'factors') {
      const part = { value: 'budget.factor.value', 'unit.ko': 'budget.factor.unitKo', 'unit.en': 'budget.factor.unitEn', 'unit.enOne': 'budget.factor.unitEnOne' }[row.rest];
      const legend = t('budget.factor.legend', { n: row.index + 1 });
      return part ? `${legend} · ${t(part)}` : legend;
    }
    const fixed: Record<string, string> = {
      'title.ko': bilingual(t('budget.fields.title'), 'ko'),
      'title.en': bilingual(t('budget.fields.title'), 'en'),
      kind: t('budget.fields.kind'),
      amount: t('budget.fields.amount'),
      unitPrice: t('budget.fields.unitPrice'),
      factors: t('budget.factor.value'),
      parentId: t('budget.fields.parent'),
    };
    return fixed[path];
  };

  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={labelOf} onCancel={onClose}>
      <LocalizedInputs
        label={t('budget.fields.title')}
        path="title"
        ko={form.titleKo}
        en={form.titleEn}
        onChange={({ ko, en }) => set({ titleKo: ko, titleEn: en })}
        errors={errors}
        requiredKo
        autoFocus
      />
      <Radio.Group
        label={t('budget.fields.kind')}
        value={form.kind}
        onChange={(v) => setForm((f) => withKind(f, v as LineForm['kind']))}
        description={hasChildren ? t('budget.fields.kindHasChildren') : undefined}
        error={errors.kind}
      >
        <Group mt="xs" gap="lg">
          <Radio value="group" label={t('budget.kind.group')} />
          <Radio value="fixed" label={t('budget.kind.fixed')} disabled={hasChildren} />
          <Radio value="formula" label={t('budget.kind.formula')} disabled={hasChildren} />
        </Group>
      </Radio.Group>

      {form.kind === 'fixed' && (
        <TextInput
          label={t('budget.fields.amount')}
          inputMode="numeric"
          value={form.amount}
          onChange={(e) => set({ amount: e.currentTarget.value })}
          error={errors.amount}
          description={amount.ok ? t('common.thousandWon', { amount: formatThousandKrw(amount.value) }) : t('budget.fields.amountHelp')}
          required
          maw={320}
        />
      )}

      {form.kind === 'formula' && (
        <Stack gap="sm">
          <TextInput
            label={t('budget.fields.unitPrice')}
            inputMode="numeric"
            value={form.unitPrice}
            onChange={(e) => set({ unitPrice: e.currentTarget.value })}
            error={errors.unitPrice}
            description={t('budget.fields.amountHelp')}
            required
            maw={320}
          />
          {form.factors.map((f, i) => (
            <Fieldset key={f.rowKey} legend={t('budget.factor.legend', { n: i + 1 })} variant="filled">
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                <TextInput
                  label={t('budget.factor.value')}
                  inputMode="numeric"
                  value={f.value}
                  onChange={(e) => setFactor(i, { value: e.currentTarget.value })}
                  error={errors[`factors.${i}.value`]}
                  required
                />
                <TextInput label={t('budget.factor.unitKo')} placeholder={t('budget.factor.unitKoExample')} lang="ko" value={f.unitKo} onChange={(e) => setFactor(i, { unitKo: e.currentTarget.value })} error={errors[`factors.${i}.unit.ko`]} required />
                <TextInput label={t('budget.factor.unitEn')} placeholder={t('budget.factor.unitEnExample')} lang="en" value={f.unitEn} onChange={(e) => setFactor(i, { unitEn: e.currentTarget.value })} error={errors[`factors.${i}.unit.en`]} required />
                <TextInput label={t('budget.factor.unitEnOne')} placeholder={t('budget.factor.unitEnOneExample')} lang="en" value={f.unitEnOne} onChange={(e) => setFactor(i, { unitEnOne: e.currentTarget.value })} error={errors[`factors.${i}.unit.enOne`]} />
              </SimpleGrid>
              <Group justify="flex-end" mt="xs">
                <Button variant="default" size="xs" onClick={() => setForm((x) => ({ ...x, factors: x.factors.filter((_, j) => j !== i) }))}>
                  {t('budget.factor.remove', { n: i + 1 })}
                </Button>
              </Group>
            </Fieldset>
          ))}
          {errors.factors && (
            <Text c="var(--mantine-color-error)" size="sm">
              {errors.factors}
            </Text>
          )}
          <Group>
            <Button variant="default" onClick={() => setForm((x) => ({ ...x, factors: [...x.factors, emptyFactor()] }))} disabled={form.factors.length >= MAX_FACTORS}>
              {t('budget.factor.add')}
            </Button>
            {form.factors.length >= MAX_FACTORS && <Text size="sm">{t('budget.factor.max', { max: MAX_FACTORS })}</Text>}
          </Group>
          <Box>
            <Text fw={700} size="sm">
              {t('budget.preview.label')}
            </Text>
            <Text data-testid="formula-preview">{preview ?? t('budget.preview.incomplete')}</Text>
          </Box>
        </Stack>
      )}

      {editing && (
        <NativeSelect
          label={t('budget.fields.parent')}
          description={t('budget.fields.parentHelp')}
          value={parentId ?? ''}
          onChange={(e) => setParentId(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          error={errors.parentId}
          data={[
            { value: '', label: t('budget.fields.topLevel') },
            ...choices.map((c) => ({ value: c.id, label: `${'\u00a0\u00a0'.repeat(c.depth)}${localized(c.title).text}` })),
          ]}
        />
      )}

    </DialogForm>
  );
}
