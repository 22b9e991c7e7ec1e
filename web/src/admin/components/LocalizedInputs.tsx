import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldMessages } from '../form-errors';

interface Props {
  /** The field's name, e.g. "제목"; each input is labelled "<label> (한국어)" / "<label> (English)". */
  label: string;
  /** The server path of the field ("title"); errors are read at "<path>.ko" and "<path>.en". */
  path: string;
  ko: string;
  en: string;
  onChange: (next: { ko: string; en: string }) => void;
  errors: FieldMessages;
  /** Korean is required for titles, optional for notes. */
  requiredKo?: boolean;
  multiline?: boolean;
  autoFocus?: boolean;
  /** Id of the Korean input (the English one gets "<id>-en"), for moving focus to it. */
  id?: string;
}

/** A bilingual text: Korean first, English beside it, each marked with its language for screen readers. */
export function LocalizedInputs({ label, path, ko, en, onChange, errors, requiredKo = false, multiline = false, autoFocus = false, id }: Props) {
  const { t } = useTranslation('admin');
  const Input = multiline ? Textarea : TextInput;
  const extra = multiline ? { autosize: true, minRows: 2 } : {};
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Input
        id={id}
        label={t('common.inKo', { label })}
        value={ko}
        onChange={(e) => onChange({ ko: e.currentTarget.value, en })}
        error={errors[`${path}.ko`]}
        required={requiredKo}
        lang="ko"
        data-autofocus={autoFocus || undefined}
        {...extra}
      />
      <Input
        id={id ? `${id}-en` : undefined}
        label={t('common.inEn', { label })}
        value={en}
        onChange={(e) => onChange({ ko, en: e.currentTarget.value })}
        error={errors[`${path}.en`]}
        lang="en"
        {...extra}
      />
    </SimpleGrid>
  );
}
