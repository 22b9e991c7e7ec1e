/**
 * One question of a call's form, by type. Choice questions are fieldsets with a legend (WCAG 1.3.1);
 * texts show their limits and a character count; the first control carries the id error links focus.
 */
import { Checkbox, Fieldset, NumberInput, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LONG_TEXT_MAX, ORGANISATION_MAX, SHORT_TEXT_MAX } from '../../../src/core/recruitment/answers';
import type { QuestionT } from '../../../src/shared/contracts/recruitment';
import { Loc } from '../lib/Localized';
import { FileField } from './FileField';
import type { UploadedFile } from './upload';

export type AnswerValue = string | number | string[];

export const questionInputId = (key: string) => `q-${key}`;

interface Props {
  question: QuestionT;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error: string | undefined;
  /** What a 'file' question needs besides its value: the call to upload to and what is known of the file. */
  file?: FileAnswer;
}

export interface FileAnswer {
  callId: string;
  meta: UploadedFile | undefined;
  onUploaded: (file: UploadedFile) => void;
  onRemoved: () => void;
}

function Label({ question }: { question: QuestionT }) {
  const { t } = useTranslation('recruitment');
  return (
    <>
      <Loc value={question.label} />
      {question.required && <> {t('form.requiredMark')}</>}
    </>
  );
}

/** A group's hint and error as text its controls point to with aria-describedby. */
function GroupNotes({ id, help, hint, error }: { id: string; help: ReactNode; hint: string | null; error: string | undefined }) {
  return (
    <>
      {help && (
        <Text size="sm" id={`${id}-help`} mb="xs">
          {help}
        </Text>
      )}
      {hint && (
        <Text size="sm" id={`${id}-hint`} mb="xs">
          {hint}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red.9" id={`${id}-error`} mb="xs">
          {error}
        </Text>
      )}
    </>
  );
}

export function QuestionField({ question: q, value, onChange, error, file }: Props) {
  const { t } = useTranslation('recruitment');
  const id = questionInputId(q.key);
  const help = q.help ? <Loc value={q.help} /> : null;
  const text = typeof value === 'string' ? value : '';

  if (q.type === 'short_text' || q.type === 'long_text' || q.type === 'organisation') {
    const max = q.maxLength ?? (q.type === 'long_text' ? LONG_TEXT_MAX : q.type === 'organisation' ? ORGANISATION_MAX : SHORT_TEXT_MAX);
    const count = q.minLength ? t('form.charCountMin', { count: text.length, min: q.minLength, max }) : t('form.charCount', { count: text.length, max });
    const description = (
      <>
        {help}
        {help && <br />}
        {count}
      </>
    );
    const common = {
      id,
      label: <Label question={q} />,
      description,
      required: q.required,
      withAsterisk: false,
      maxLength: max,
      value: text,
      error,
      onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
    };
    if (q.type === 'long_text') return <Textarea {...common} autosize minRows={4} maxRows={16} />;
    return <TextInput {...common} autoComplete={q.type === 'organisation' ? 'organization' : 'off'} />;
  }

  if (q.type === 'number') {
    const range = q.min !== undefined && q.max !== undefined ? t('form.numberRange', { min: q.min, max: q.max }) : null;
    return (
      <NumberInput
        id={id}
        label={<Label question={q} />}
        description={help || range ? <>{help} {range}</> : undefined}
        required={q.required}
        withAsterisk={false}
        min={q.min}
        max={q.max}
        allowDecimal={!q.integer}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : '')}
        error={error}
        hideControls
      />
    );
  }

  if (q.type === 'date') {
    const range = q.minDate && q.maxDate ? t('form.dateRange', { min: q.minDate, max: q.maxDate }) : null;
    return (
      <TextInput
        id={id}
        type="date"
        label={<Label question={q} />}
        description={help || range ? <>{help} {range}</> : undefined}
        required={q.required}
        withAsterisk={false}
        min={q.minDate}
        max={q.maxDate}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    );
  }

  if (q.type === 'file') {
    if (!file) return null;
    return (
      <FileField
        id={id}
        callId={file.callId}
        questionKey={q.key}
        legend={<Label question={q} />}
        help={help}
        value={text}
        meta={file.meta}
        onUploaded={file.onUploaded}
        onRemoved={file.onRemoved}
        error={error}
      />
    );
  }

  const options = q.options ?? [];
  if (q.type === 'multiple_choice') {
    const picked = Array.isArray(value) ? value : [];
    const hint = q.maxChoices !== undefined ? (q.minChoices ? t('form.choices', { min: q.minChoices, max: q.maxChoices }) : t('form.choicesMax', { max: q.maxChoices })) : null;
    const describedBy = [help && `${id}-help`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <Fieldset legend={<Label question={q} />}>
        <GroupNotes id={id} help={help} hint={hint} error={error} />
        <Stack gap="xs">
          {options.map((o, i) => (
            <Checkbox
              key={o.value}
              id={i === 0 ? id : `${id}-${o.value}`}
              label={<Loc value={o.label} />}
              checked={picked.includes(o.value)}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.currentTarget.checked ? [...picked, o.value] : picked.filter((p) => p !== o.value))}
            />
          ))}
        </Stack>
      </Fieldset>
    );
  }

  // single_choice and sector: one pick from the options.
  const describedBy = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <Fieldset legend={<Label question={q} />}>
      <GroupNotes id={id} help={help} hint={null} error={error} />
      <Stack gap="xs">
        {options.map((o, i) => (
          <Radio
            key={o.value}
            id={i === 0 ? id : `${id}-${o.value}`}
            name={id}
            value={o.value}
            label={<Loc value={o.label} />}
            checked={text === o.value}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={() => onChange(o.value)}
          />
        ))}
      </Stack>
    </Fieldset>
  );
}
