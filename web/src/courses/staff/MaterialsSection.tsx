/**
 * A cohort's materials (links or files, bilingual titles), for the whole cohort or one session:
 * listed with where they belong, added as a link or an uploaded file, removed after asking.
 */
import { Anchor, Box, Button, FileInput, NativeSelect, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortDetailT, MaterialViewT } from '../../../../src/shared/contracts/courses';
import { ConfirmDialog } from '../../admin/components/ConfirmDialog';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { del, post } from '../../lib/api';
import { FileName } from '../../lib/FileName';
import { FormErrorSummary, useSubmit, type FieldErrors } from '../../lib/forms';
import { Loc, useLocText } from '../../lib/Localized';
import { uploadMaterial } from './upload';

export function MaterialsSection({ detail, onChanged }: { detail: CohortDetailT; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const [kind, setKind] = useState<'link' | 'file'>('link');
  const [titleKo, setTitleKo] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sessionId, setSessionId] = useState('');
  const [message, setMessage] = useState('');
  const [removing, setRemoving] = useState<MaterialViewT | null>(null);
  const submit = useSubmit();
  const sessionTitle = new Map(detail.sessions.map((s) => [s.id, s.title]));
  const all = [...detail.materials, ...detail.sessions.flatMap((s) => s.materials)];
  const fields = [
    { name: 'title.ko', id: 'material-title', label: t('admin:common.inKo', { label: t('staff.materials.titleField') }) },
    { name: 'url', id: 'material-url', label: t('staff.materials.url') },
    { name: 'file', id: 'material-file', label: t('staff.materials.file') },
  ];
  const add = () => {
    const errors: FieldErrors = {};
    if (kind === 'link' && !titleKo.trim()) errors['title.ko'] = t('admin:errors.required');
    if (kind === 'link' && !/^https?:\/\/\S+$/i.test(url.trim())) errors.url = t('staff.materials.urlInvalid');
    if (kind === 'file' && !file) errors.file = t('staff.materials.fileMissing');
    void submit.run(errors, async () => {
      let added: MaterialViewT;
      if (kind === 'link') {
        added = await post<MaterialViewT>(`/admin/cohorts/${detail.cohort.id}/materials`, {
          title: { ko: titleKo.trim(), ...(titleEn.trim() ? { en: titleEn.trim() } : {}) },
          url: url.trim(),
          sessionId: sessionId || null,
        });
      } else {
        added = await uploadMaterial(detail.cohort.id, file!, { ...(sessionId ? { sessionId } : {}), ...(titleKo.trim() ? { titleKo: titleKo.trim() } : {}), ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}) });
      }
      setTitleKo('');
      setTitleEn('');
      setUrl('');
      setFile(null);
      await onChanged();
      setMessage(t('staff.materials.added', { title: text(added.title) }));
    });
  };
  return (
    <Box component="section" aria-labelledby="materials-heading">
      <Title order={2} size="h3" id="materials-heading" mb="xs">
        {t('staff.materials.heading')}
      </Title>
      {all.length === 0 ? (
        <Text>{t('staff.materials.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="materials-table">
            <Table.Caption>{t('staff.materials.caption', { count: all.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.materials.titleField')}</Table.Th>
                <Table.Th scope="col">{t('staff.materials.kind')}</Table.Th>
                <Table.Th scope="col">{t('staff.materials.for')}</Table.Th>
                <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {all.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={400} className="oc-wrap">
                    <Anchor href={m.url} target={m.kind === 'link' ? '_blank' : undefined} rel={m.kind === 'link' ? 'noopener noreferrer' : undefined}>
                      <Loc value={m.title} />
                    </Anchor>
                    {m.file && (
                      <Text component="span" display="block" size="sm">
                        <FileName name={m.file.name} />
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{t(`staff.materials.kinds.${m.kind}`)}</Table.Td>
                  <Table.Td>{m.sessionId ? <Loc value={sessionTitle.get(m.sessionId)} /> : t('staff.materials.wholeCohort')}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setRemoving(m)} aria-label={t('staff.materials.removeLabel', { title: text(m.title) })}>
                      {t('staff.common.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <StatusMessage message={message} />
      <Box
        component="form"
        noValidate
        aria-labelledby="material-add-heading"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="material-add-heading">
            {t('staff.materials.addHeading')}
          </Title>
          <FormErrorSummary state={submit} fields={fields} />
          <Radio.Group label={t('staff.materials.kind')} value={kind} onChange={(v) => setKind(v === 'file' ? 'file' : 'link')}>
            <Stack gap={6} mt={4}>
              <Radio size="md" value="link" label={t('staff.materials.kinds.link')} />
              <Radio size="md" value="file" label={t('staff.materials.kinds.file')} />
            </Stack>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput id="material-title" lang="ko" label={t('admin:common.inKo', { label: t('staff.materials.titleField') })} description={kind === 'file' ? t('staff.materials.titleFileHelp') : undefined} value={titleKo} onChange={(e) => setTitleKo(e.currentTarget.value)} error={submit.fieldErrors['title.ko']} required={kind === 'link'} />
            <TextInput id="material-title-en" lang="en" label={t('admin:common.inEn', { label: t('staff.materials.titleField') })} value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={submit.fieldErrors['title.en']} />
          </SimpleGrid>
          {kind === 'link' ? (
            <TextInput id="material-url" type="url" label={t('staff.materials.url')} description={t('staff.materials.urlHelp')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={submit.fieldErrors.url} required />
          ) : (
            <FileInput id="material-file" label={t('staff.materials.file')} placeholder={t('staff.materials.choose')} value={file} onChange={setFile} error={submit.fieldErrors.file} required clearable={false} />
          )}
          <NativeSelect
            id="material-session"
            label={t('staff.materials.for')}
            value={sessionId}
            onChange={(e) => setSessionId(e.currentTarget.value)}
            data={[{ value: '', label: t('staff.materials.wholeCohort') }, ...detail.sessions.map((s) => ({ value: s.id, label: text(s.title) }))]}
          />
          <div>
            <Button type="submit" loading={submit.submitting}>
              {t('staff.materials.add')}
            </Button>
          </div>
        </Stack>
      </Box>
      <ConfirmDialog
        opened={removing !== null}
        title={t('staff.materials.removeTitle')}
        confirmLabel={t('staff.common.remove')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await del(`/admin/materials/${removing.id}`);
          const title = text(removing.title);
          setRemoving(null);
          await onChanged();
          setMessage(t('staff.materials.removed', { title }));
        }}
      >
        {removing ? t('staff.materials.removeBody', { title: text(removing.title) }) : ''}
      </ConfirmDialog>
    </Box>
  );
}
