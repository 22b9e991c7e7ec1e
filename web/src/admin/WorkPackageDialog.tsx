/** Adding or editing a work package: code, title, period, operator, place, tasks, note, budget line. */
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetLineViewT, WorkPackageViewT } from '../../../src/shared/contracts/plan';
import { patch, post } from '../lib/api';
import { useLocalized } from '../lib/text';
import { DoneSelect } from './components/DoneSelect';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { formatThousandKrw } from './components/format';
import { LocalizedInputs } from './components/LocalizedInputs';
import { indexedPath } from './form-errors';
import { emptyTask, emptyWorkPackageForm, moveItem, validateWorkPackageForm, workPackageFormFromView, workPackageFormToInput, type TaskRow, type WorkPackageForm } from './plan-form';

export type WorkPackageDialogMode = { kind: 'edit'; workPackage: WorkPackageViewT } | { kind: 'add' };

interface Props {
  mode: WorkPackageDialogMode | null;
  budgetLines: readonly BudgetLineViewT[];
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}

export function WorkPackageDialog({ mode, budgetLines, onClose, onSaved }: Props) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const title = mode?.kind === 'edit' ? t('plan.wp.editTitle', { code: mode.workPackage.code, title: localized(mode.workPackage.title).text }) : t('plan.wp.addTitle');
  return (
    <AdminModal opened={mode !== null} onClose={onClose} title={title} size="xl">
      {mode && <Body key={mode.kind === 'edit' ? mode.workPackage.id : 'add'} mode={mode} budgetLines={budgetLines} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function Body({ mode, budgetLines, onClose, onSaved }: Props & { mode: WorkPackageDialogMode }) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const editing = mode.kind === 'edit' ? mode.workPackage : null;
  const [form, setForm] = useState<WorkPackageForm>(() => (editing ? workPackageFormFromView(editing) : emptyWorkPackageForm()));
  const dialog = useDialogSubmit();
  const { errors } = dialog;
  const [focusTask, setFocusTask] = useState<string | null>(null);
  useEffect(() => {
    if (!focusTask) return;
    document.getElementById(focusTask)?.focus();
    setFocusTask(null);
  }, [focusTask]);

  const set = (next: Partial<WorkPackageForm>) => setForm((f) => ({ ...f, ...next }));
  const setTask = (index: number, next: Partial<TaskRow>) => setForm((f) => ({ ...f, tasks: f.tasks.map((r, i) => (i === index ? { ...r, ...next } : r)) }));

  const save = async () => {
    await dialog.submit(validateWorkPackageForm(form), async () => {
      const body = workPackageFormToInput(form);
      if (editing) await patch(`/admin/work-packages/${editing.id}`, body);
      else await post('/admin/work-packages', body);
      await onSaved(t(editing ? 'plan.wp.saved' : 'plan.wp.added', { code: body.code }));
      onClose();
    });
  };

  const taskId = (rowKey: string, part: string) => `task-${part}-${rowKey}`;
  const bilingual = (key: string, lang: string) => t(lang === 'en' ? 'common.inEn' : 'common.inKo', { label: t(key) });
  const labelOf = (path: string): string | undefined => {
    const row = indexedPath(path);
    if (row?.list === 'tasks') {
      const label = t('plan.wp.task', { n: row.index + 1 });
      return row.rest === 'ko' || row.rest === 'en' ? t(row.rest === 'en' ? 'common.inEn' : 'common.inKo', { label }) : label;
    }
    const [field, lang] = path.split('.') as [string, string | undefined];
    const keys: Record<string, string> = { code: 'plan.wp.code', title: 'plan.fields.title', start: 'plan.fields.start', end: 'plan.fields.end', operator: 'plan.wp.operator', place: 'plan.wp.place', note: 'plan.wp.note', tasks: 'plan.wp.tasks', budgetLineId: 'plan.wp.budgetLine', done: 'plan.fields.done' };
    const key = keys[field];
    if (!key) return undefined;
    return lang === 'ko' || lang === 'en' ? bilingual(key, lang) : t(key);
  };

  return (
    <DialogForm state={dialog} onSubmit={save} labelOf={labelOf} onCancel={onClose}>
      <TextInput label={t('plan.wp.code')} value={form.code} onChange={(e) => set({ code: e.currentTarget.value })} error={errors.code} required maw={200} data-autofocus />
      <LocalizedInputs label={t('plan.fields.title')} path="title" ko={form.titleKo} en={form.titleEn} onChange={({ ko, en }) => set({ titleKo: ko, titleEn: en })} errors={errors} requiredKo />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('plan.fields.start')} description={t('plan.fields.dateHelp')} value={form.start} onChange={(e) => set({ start: e.currentTarget.value })} error={errors.start} required />
        <TextInput label={t('plan.fields.end')} description={t('plan.fields.dateHelp')} value={form.end} onChange={(e) => set({ end: e.currentTarget.value })} error={errors.end} required />
      </SimpleGrid>
      <LocalizedInputs label={t('plan.wp.operator')} path="operator" ko={form.operatorKo} en={form.operatorEn} onChange={({ ko, en }) => set({ operatorKo: ko, operatorEn: en })} errors={errors} />
      <LocalizedInputs label={t('plan.wp.place')} path="place" ko={form.placeKo} en={form.placeEn} onChange={({ ko, en }) => set({ placeKo: ko, placeEn: en })} errors={errors} />
      <Fieldset legend={t('plan.wp.tasks')}>
        <Stack gap="sm">
          {form.tasks.map((task, i) => (
            <Fieldset key={task.rowKey} legend={t('plan.wp.taskLegend', { n: i + 1 })} variant="filled">
              <LocalizedInputs id={taskId(task.rowKey, 'ko')} label={t('plan.wp.task', { n: i + 1 })} path={`tasks.${i}`} ko={task.ko} en={task.en} onChange={({ ko, en }) => setTask(i, { ko, en })} errors={errors} requiredKo multiline />
              <Group justify="flex-end" gap="xs" mt="xs">
                <Button
                  size="xs"
                  variant="default"
                  id={taskId(task.rowKey, 'up')}
                  disabled={i === 0}
                  onClick={() => {
                    set({ tasks: moveItem(form.tasks, i, -1) });
                    setFocusTask(i - 1 === 0 ? taskId(task.rowKey, 'down') : taskId(task.rowKey, 'up'));
                  }}
                >
                  {t('plan.wp.taskUp', { n: i + 1 })}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  id={taskId(task.rowKey, 'down')}
                  disabled={i === form.tasks.length - 1}
                  onClick={() => {
                    set({ tasks: moveItem(form.tasks, i, 1) });
                    setFocusTask(i + 1 === form.tasks.length - 1 ? taskId(task.rowKey, 'up') : taskId(task.rowKey, 'down'));
                  }}
                >
                  {t('plan.wp.taskDown', { n: i + 1 })}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    set({ tasks: form.tasks.filter((_, j) => j !== i) });
                    setFocusTask('task-add');
                  }}
                >
                  {t('plan.wp.removeTask', { n: i + 1 })}
                </Button>
              </Group>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              id="task-add"
              onClick={() => {
                const row = emptyTask();
                set({ tasks: [...form.tasks, row] });
                // Move to the new row's Korean text so typing can start at once.
                setFocusTask(`task-ko-${row.rowKey}`);
              }}
            >
              {t('plan.wp.addTask')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <LocalizedInputs label={t('plan.wp.note')} path="note" ko={form.noteKo} en={form.noteEn} onChange={({ ko, en }) => set({ noteKo: ko, noteEn: en })} errors={errors} multiline />
      <NativeSelect
        label={t('plan.wp.budgetLine')}
        value={form.budgetLineId}
        onChange={(e) => set({ budgetLineId: e.currentTarget.value })}
        error={errors.budgetLineId}
        data={[
          { value: '', label: t('plan.wp.noBudgetLine') },
          ...budgetLines.map((l) => ({ value: l.id, label: `${'\u00a0\u00a0'.repeat(l.depth)}${localized(l.title).text} (${t('common.thousandWon', { amount: formatThousandKrw(l.planned) })})` })),
        ]}
      />
      <DoneSelect value={form.done} onChange={(done) => set({ done })} error={errors.done} />
    </DialogForm>
  );
}
