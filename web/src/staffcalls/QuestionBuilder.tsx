/**
 * The form builder: questions in order, each with its type, required flag, bilingual label and help,
 * and the limits its type has. Reordering is by buttons (keyboard first; no drag needed); after a
 * question or option is added focus goes to its first input, after a removal to the add button, and
 * after a move it stays on the pressed button (or the other one at the top or bottom).
 */
import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../src/core/shared/localized';
import type { FieldMessages } from '../admin/form-errors';
import { LocalizedInputs } from '../admin/components/LocalizedInputs';
import { emptyOption, emptyQuestion, fieldId, limitsOf, moveItem, QUESTION_TYPES, withType, type OptionRow, type QuestionRow, type QuestionType, type Sector } from './call-form';

interface Props {
  questions: QuestionRow[];
  onChange: (next: QuestionRow[]) => void;
  errors: FieldMessages;
  /** Moves focus to this element id once the next render is on screen. */
  focus: (id: string) => void;
  sectorLabel: (sector: Sector) => LocalizedText;
}

export const ADD_QUESTION_ID = 'question-add';
const qid = (rowKey: string, part: string) => `question-${part}-${rowKey}`;
const oid = (rowKey: string, part: string) => `option-${part}-${rowKey}`;

/** The pair of move buttons every ordered list here uses, with focus kept on the pressed one. */
function MoveButtons({ index, count, idOf, name, onMove, focus }: { index: number; count: number; idOf: (dir: 'up' | 'down') => string; name: string; onMove: (step: -1 | 1) => void; focus: (id: string) => void }) {
  const { t } = useTranslation('staffcalls');
  return (
    <>
      <Button
        size="xs"
        variant="default"
        id={idOf('up')}
        disabled={index === 0}
        onClick={() => {
          onMove(-1);
          focus(index - 1 === 0 ? idOf('down') : idOf('up'));
        }}
      >
        {t('builder.moveUp', { name })}
      </Button>
      <Button
        size="xs"
        variant="default"
        id={idOf('down')}
        disabled={index === count - 1}
        onClick={() => {
          onMove(1);
          focus(index + 1 === count - 1 ? idOf('up') : idOf('down'));
        }}
      >
        {t('builder.moveDown', { name })}
      </Button>
    </>
  );
}

function TextLimit({ path, label, value, onChange, errors, description }: { path: string; label: string; value: string; onChange: (v: string) => void; errors: FieldMessages; description?: string }) {
  return <TextInput id={fieldId(path)} label={label} description={description} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={errors[path]} inputMode="numeric" maw={220} />;
}

function Options({ q, qIndex, errors, setOptions, focus }: { q: QuestionRow; qIndex: number; errors: FieldMessages; setOptions: (o: OptionRow[]) => void; focus: (id: string) => void }) {
  const { t } = useTranslation('staffcalls');
  const n = qIndex + 1;
  const at = `questions.${qIndex}.options`;
  const addId = qid(q.rowKey, 'add-option');
  return (
    <Fieldset legend={t('builder.options', { n })} id={fieldId(at)} tabIndex={-1} aria-describedby={errors[at] ? `${fieldId(at)}-error` : undefined}>
      <Stack gap="sm">
        {errors[at] && (
          <Text size="sm" c="red.9" id={`${fieldId(at)}-error`}>
            {errors[at]}
          </Text>
        )}
        {q.type === 'sector' && <Text size="sm">{t('builder.sectorHelp')}</Text>}
        {q.options.map((o, j) => {
          const name = t('builder.optionName', { n, m: j + 1 });
          return (
            <Stack key={o.rowKey} gap="xs" className="oc-builder-item" pl="sm">
              <LocalizedInputs
                id={fieldId(`${at}.${j}.label`)}
                label={t('builder.optionLabel', { n, m: j + 1 })}
                path={`${at}.${j}.label`}
                ko={o.labelKo}
                en={o.labelEn}
                onChange={({ ko, en }) => setOptions(q.options.map((x, k) => (k === j ? { ...x, labelKo: ko, labelEn: en } : x)))}
                errors={errors}
                requiredKo
              />
              <Group gap="xs">
                <MoveButtons index={j} count={q.options.length} name={name} idOf={(d) => oid(o.rowKey, d)} onMove={(step) => setOptions(moveItem(q.options, j, step))} focus={focus} />
                <Button
                  size="xs"
                  variant="outline"
                  color="red.9"
                  onClick={() => {
                    setOptions(q.options.filter((_, k) => k !== j));
                    focus(addId);
                  }}
                >
                  {t('builder.removeItem', { name })}
                </Button>
              </Group>
            </Stack>
          );
        })}
        <Group>
          <Button
            variant="default"
            size="sm"
            id={addId}
            onClick={() => {
              const row = emptyOption(q.options.map((x) => x.value));
              setOptions([...q.options, row]);
              focus(fieldId(`${at}.${q.options.length}.label`));
            }}
          >
            {t('builder.addOption', { n })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function QuestionLimits({ q, i, errors, set }: { q: QuestionRow; i: number; errors: FieldMessages; set: (next: Partial<QuestionRow>) => void }) {
  const { t } = useTranslation('staffcalls');
  const n = i + 1;
  const at = `questions.${i}`;
  const limits = limitsOf(q.type);
  if (limits.length === 0 || (limits.length === 1 && limits[0] === 'options')) return q.type === 'file' ? <Text size="sm">{t('builder.fileHelp')}</Text> : null;
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      {limits.includes('length') && (
        <>
          <TextLimit path={`${at}.minLength`} label={t('builder.minLength', { n })} value={q.minLength} onChange={(v) => set({ minLength: v })} errors={errors} />
          <TextLimit path={`${at}.maxLength`} label={t('builder.maxLength', { n })} value={q.maxLength} onChange={(v) => set({ maxLength: v })} errors={errors} />
        </>
      )}
      {limits.includes('number') && (
        <>
          <TextLimit path={`${at}.min`} label={t('builder.min', { n })} value={q.min} onChange={(v) => set({ min: v })} errors={errors} />
          <TextLimit path={`${at}.max`} label={t('builder.max', { n })} value={q.max} onChange={(v) => set({ max: v })} errors={errors} />
          <Checkbox id={fieldId(`${at}.integer`)} mt="xl" label={t('builder.integer', { n })} checked={q.integer} onChange={(e) => set({ integer: e.currentTarget.checked })} />
        </>
      )}
      {limits.includes('date') && (
        <>
          <TextInput id={fieldId(`${at}.minDate`)} type="date" label={t('builder.minDate', { n })} value={q.minDate} onChange={(e) => set({ minDate: e.currentTarget.value })} error={errors[`${at}.minDate`]} maw={220} />
          <TextInput id={fieldId(`${at}.maxDate`)} type="date" label={t('builder.maxDate', { n })} value={q.maxDate} onChange={(e) => set({ maxDate: e.currentTarget.value })} error={errors[`${at}.maxDate`]} maw={220} />
        </>
      )}
      {limits.includes('choices') && (
        <>
          <TextLimit path={`${at}.minChoices`} label={t('builder.minChoices', { n })} value={q.minChoices} onChange={(v) => set({ minChoices: v })} errors={errors} />
          <TextLimit path={`${at}.maxChoices`} label={t('builder.maxChoices', { n })} value={q.maxChoices} onChange={(v) => set({ maxChoices: v })} errors={errors} />
        </>
      )}
    </Group>
  );
}

export function QuestionBuilder({ questions, onChange, errors, focus, sectorLabel }: Props) {
  const { t } = useTranslation('staffcalls');
  const setQuestion = (i: number, next: Partial<QuestionRow>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...next } : q)));
  return (
    <section aria-labelledby="questions-heading">
      <Stack gap="sm">
        <Title order={2} id="questions-heading">
          {t('builder.heading')}
        </Title>
        <Text>{t('builder.intro')}</Text>
        {errors.questions && (
          <Text size="sm" c="red.9" role="alert">
            {errors.questions}
          </Text>
        )}
        {questions.length === 0 && <Text>{t('builder.empty')}</Text>}
        <Stack gap="md" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {questions.map((q, i) => {
            const n = i + 1;
            const at = `questions.${i}`;
            const name = t('builder.questionName', { n });
            return (
              <li key={q.rowKey} data-question-key={q.key}>
                <Fieldset legend={t('builder.questionLegend', { n, label: q.labelKo.trim() || t('builder.untitled') })}>
                  <Stack gap="sm">
                    <Group gap="sm" align="flex-end" wrap="wrap">
                      <NativeSelect
                        id={qid(q.rowKey, 'type')}
                        label={t('builder.type', { n })}
                        value={q.type}
                        onChange={(e) => setQuestion(i, withType(q, e.currentTarget.value as QuestionType, sectorLabel))}
                        data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
                        error={errors[`${at}.type`]}
                        maw={260}
                      />
                      <Checkbox id={fieldId(`${at}.required`)} mb={8} label={t('builder.required', { n })} checked={q.required} onChange={(e) => setQuestion(i, { required: e.currentTarget.checked })} />
                    </Group>
                    <LocalizedInputs id={fieldId(`${at}.label`)} label={t('builder.label', { n })} path={`${at}.label`} ko={q.labelKo} en={q.labelEn} onChange={({ ko, en }) => setQuestion(i, { labelKo: ko, labelEn: en })} errors={errors} requiredKo />
                    <LocalizedInputs id={fieldId(`${at}.help`)} label={t('builder.help', { n })} path={`${at}.help`} ko={q.helpKo} en={q.helpEn} onChange={({ ko, en }) => setQuestion(i, { helpKo: ko, helpEn: en })} errors={errors} multiline />
                    <QuestionLimits q={q} i={i} errors={errors} set={(next) => setQuestion(i, next)} />
                    {limitsOf(q.type).includes('options') && <Options q={q} qIndex={i} errors={errors} setOptions={(options) => setQuestion(i, { options })} focus={focus} />}
                    <Group gap="xs">
                      <MoveButtons index={i} count={questions.length} name={name} idOf={(d) => qid(q.rowKey, d)} onMove={(step) => onChange(moveItem(questions, i, step))} focus={focus} />
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        onClick={() => {
                          onChange(questions.filter((_, j) => j !== i));
                          focus(ADD_QUESTION_ID);
                        }}
                      >
                        {t('builder.removeItem', { name })}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
              </li>
            );
          })}
        </Stack>
        <Group>
          <Button
            id={ADD_QUESTION_ID}
            variant="default"
            onClick={() => {
              const row = emptyQuestion(questions.map((q) => q.key));
              onChange([...questions, row]);
              // The type comes first: it decides which limits the question has.
              focus(qid(row.rowKey, 'type'));
            }}
          >
            {t('builder.add')}
          </Button>
        </Group>
      </Stack>
    </section>
  );
}
