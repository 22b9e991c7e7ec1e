/**
 * /admin/courses/cohorts/:id: a cohort's curriculum — its modules and sessions (type, bilingual
 * title, length, time, room or place, lecturers with fees, constraints), materials and members.
 */
import { Anchor, Box, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CohortDetailT, CohortMemberListT, ModuleViewT, SessionViewT } from '../../../../src/shared/contracts/courses';
import { ConfirmDialog } from '../../admin/components/ConfirmDialog';
import { DataTable, FilterBox, usePagedList } from '../../components/DataTable';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { usePageTitle } from '../../app/usePageTitle';
import { del } from '../../lib/api';
import { LoadError, LoadState, Loading } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { CohortNav, CohortStatusBadge, useCohortDetail, useCohortPageName } from './CohortNav';
import { formatDay } from './format';
import { LecturersDialog } from './LecturersDialog';
import { MaterialsSection } from './MaterialsSection';
import { ModuleDialog, type ModuleDialogMode } from './ModuleDialog';
import { SessionConstraintsText, SessionLecturers, SessionLength, SessionPlace, SessionTime } from './SessionCells';
import { SessionDialog, type SessionDialogMode } from './SessionDialog';
import { enumLabel } from '../../lib/labels';

function CohortSummary({ detail }: { detail: CohortDetailT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const c = detail.cohort;
  const items: [string, React.ReactNode][] = [
    [t('staff.cohort.programme'), <Loc key="p" value={detail.programme.title} />],
    [t('staff.cohort.place'), <Loc key="pl" value={c.place} />],
    [t('staff.cohort.dates'), t('staff.cohort.datesValue', { from: formatDay(c.startsOn, lang), to: formatDay(c.endsOn, lang) })],
    [t('staff.cohort.capacity'), String(c.capacity)],
    [t('staff.cohort.mode'), enumLabel(t, 'enrolmentMode', c.enrolmentMode)],
    [t('staff.cohort.status'), <CohortStatusBadge key="s" status={c.status} />],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm">
            {label}
          </Text>
          <Text component="dd" fw={700} m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function SessionsTable({ detail, sessions, caption, onEdit, onLecturers, onDelete }: { detail: CohortDetailT; sessions: SessionViewT[]; caption: string; onEdit: (s: SessionViewT) => void; onLecturers: (s: SessionViewT) => void; onDelete: (s: SessionViewT) => void }) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const titleOf = (id: string) => detail.sessions.find((s) => s.id === id)?.title;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.session.title')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.type')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.length')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.startsAt')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.place')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.lecturers')}</Table.Th>
            <Table.Th scope="col">{t('staff.session.constraints')}</Table.Th>
            <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.id} data-session-id={s.id}>
              <Table.Th scope="row" fw={400} className="oc-wrap">
                <Loc value={s.title} />
                {s.goals && (
                  <Text component="span" display="block" size="sm">
                    <Loc value={s.goals} />
                  </Text>
                )}
              </Table.Th>
              <Table.Td>{enumLabel(t, 'sessionType', s.type)}</Table.Td>
              <Table.Td>
                <SessionLength session={s} />
              </Table.Td>
              <Table.Td>
                <SessionTime session={s} />
                {s.heldAt && (
                  <Text component="span" display="block" size="sm" fw={700}>
                    {t('staff.session.held')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <SessionPlace session={s} rooms={detail.rooms} />
              </Table.Td>
              <Table.Td>
                <SessionLecturers session={s} />
              </Table.Td>
              <Table.Td>
                <SessionConstraintsText session={s} titleOf={titleOf} />
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Button size="xs" variant="default" onClick={() => onEdit(s)} aria-label={t('staff.curriculum.editLabel', { title: text(s.title) })}>
                    {t('staff.common.edit')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => onLecturers(s)} aria-label={t('staff.curriculum.lecturersLabel', { title: text(s.title) })}>
                    {t('staff.session.lecturers')}
                  </Button>
                  <Anchor component={Link} to={`/admin/courses/sessions/${s.id}/attendance`} aria-label={t('staff.curriculum.attendanceLabel', { title: text(s.title) })} className="oc-course-nav-link" p={4}>
                    {t('staff.curriculum.attendance')}
                  </Anchor>
                  <Button size="xs" variant="default" onClick={() => onDelete(s)} aria-label={t('staff.curriculum.deleteLabel', { title: text(s.title) })}>
                    {t('staff.common.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type Member = CohortMemberListT['items'][number];
const MEMBERS_PAGE_SIZE = 50;

/** The cohort's people, fifty at a time by name, paged and filtered on the server. */
function Members({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('courses');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const members = usePagedList<CohortMemberListT>(`/admin/cohorts/${cohortId}/members`, { page, pageSize: MEMBERS_PAGE_SIZE, q });
  return (
    <Box component="section" aria-labelledby="members-heading">
      <Title order={2} size="h3" id="members-heading" mb="xs">
        {t('staff.members.heading')}
      </Title>
      <LoadState state={members}>
        {(m) =>
          m.total === 0 && q === '' ? (
            <Text>{t('staff.members.none')}</Text>
          ) : (
            <Stack gap="xs">
              <FilterBox
                label={t('staff.members.search')}
                value={q}
                testId="members-search"
                onChange={(text) => {
                  setQ(text);
                  setPage(1);
                }}
              />
              <DataTable<Member>
                caption={t('staff.members.caption', { count: m.total })}
                data={m}
                rowKey={(p) => p.userId}
                onPage={setPage}
                empty={t('staff.members.noMatch')}
                minWidth={600}
                testId="members-table"
                columns={[
                  { key: 'name', header: t('staff.members.name'), rowHeader: true, cell: (p) => p.name },
                  { key: 'email', header: t('staff.members.email'), className: 'oc-wrap', cell: (p) => p.email },
                  { key: 'via', header: t('staff.members.via'), cell: (p) => enumLabel(t, 'memberVia', p.via) },
                ]}
              />
            </Stack>
          )
        }
      </LoadState>
    </Box>
  );
}

export function CohortPage() {
  const { t } = useTranslation('courses');
  const text = useLocText();
  const { id = '' } = useParams();
  const detail = useCohortDetail(id);
  usePageTitle(useCohortPageName(t('staff.curriculum.title'), detail.data));
  const [message, setMessage] = useState('');
  const [moduleMode, setModuleMode] = useState<ModuleDialogMode | null>(null);
  const [sessionMode, setSessionMode] = useState<SessionDialogMode | null>(null);
  const [lecturersOf, setLecturersOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SessionViewT | null>(null);
  const sessionsHeading = useRef<HTMLHeadingElement>(null);
  const saved = async (msg: string) => {
    await detail.reload();
    setMessage(msg);
  };
  const d = detail.data;
  const byModule = (m: ModuleViewT | null) => (d?.sessions ?? []).filter((s) => s.moduleId === (m?.id ?? null)).sort((a, b) => a.position - b.position);
  const lecturerSession = d?.sessions.find((s) => s.id === lecturersOf) ?? null;
  return (
    <Stack>
      <CohortNav cohortId={id} />
      <Title order={1}>
        {t('staff.curriculum.title')}
        {d && (
          <Text component="span" display="block" size="lg" fw={500}>
            <Loc value={d.cohort.title} />
          </Text>
        )}
      </Title>
      {detail.error !== undefined && <LoadError error={detail.error} onRetry={() => void detail.reload()} />}
      {!d && detail.error === undefined && <Loading />}
      {d && (
        <>
          <CohortSummary detail={d} />
          <StatusMessage message={message} />
          <Box component="section" aria-labelledby="sessions-heading">
            <Group justify="space-between" align="flex-end" mb="xs">
              <Title order={2} size="h3" id="sessions-heading" ref={sessionsHeading} tabIndex={-1}>
                {t('staff.curriculum.heading')}
              </Title>
              <Group gap="xs">
                <Button variant="default" onClick={() => setModuleMode({ kind: 'add' })}>
                  {t('staff.curriculum.addModule')}
                </Button>
                <Button onClick={() => setSessionMode({ kind: 'add' })}>{t('staff.curriculum.addSession')}</Button>
              </Group>
            </Group>
            {d.sessions.length === 0 && d.modules.length === 0 && <Text>{t('staff.curriculum.empty')}</Text>}
            <Stack gap="lg">
              {[...d.modules]
                .sort((a, b) => a.position - b.position)
                .map((m) => (
                  <Box key={m.id} component="section" aria-labelledby={`module-${m.id}`}>
                    <Group justify="space-between" align="flex-end" mb={4}>
                      <Title order={3} size="h4" id={`module-${m.id}`}>
                        <Loc value={m.title} />
                      </Title>
                      <Button size="xs" variant="default" onClick={() => setModuleMode({ kind: 'edit', module: m })} aria-label={t('staff.curriculum.editModuleLabel', { title: text(m.title) })}>
                        {t('staff.common.edit')}
                      </Button>
                    </Group>
                    {m.goals && (
                      <Text size="sm" mb="xs">
                        {t('staff.module.goals')}
                        {': '}
                        <Loc value={m.goals} />
                      </Text>
                    )}
                    {byModule(m).length === 0 ? (
                      <Text size="sm">{t('staff.curriculum.noSessions')}</Text>
                    ) : (
                      <SessionsTable detail={d} sessions={byModule(m)} caption={t('staff.curriculum.moduleCaption', { module: text(m.title), count: byModule(m).length })} onEdit={(s) => setSessionMode({ kind: 'edit', session: s })} onLecturers={(s) => setLecturersOf(s.id)} onDelete={setDeleting} />
                    )}
                  </Box>
                ))}
              {byModule(null).length > 0 && (
                <Box component="section" aria-labelledby="module-none">
                  <Title order={3} size="h4" id="module-none" mb={4}>
                    {t('staff.curriculum.withoutModule')}
                  </Title>
                  <SessionsTable detail={d} sessions={byModule(null)} caption={t('staff.curriculum.withoutModuleCaption', { count: byModule(null).length })} onEdit={(s) => setSessionMode({ kind: 'edit', session: s })} onLecturers={(s) => setLecturersOf(s.id)} onDelete={setDeleting} />
                </Box>
              )}
            </Stack>
          </Box>
          <MaterialsSection detail={d} onChanged={detail.reload} />
          <Members cohortId={id} />
          <ModuleDialog mode={moduleMode} cohortId={id} onClose={() => setModuleMode(null)} onSaved={saved} />
          <SessionDialog mode={sessionMode} detail={d} onClose={() => setSessionMode(null)} onSaved={saved} />
          <LecturersDialog session={lecturerSession} onClose={() => setLecturersOf(null)} onChanged={detail.reload} />
          <ConfirmDialog
            opened={deleting !== null}
            title={t('staff.curriculum.deleteTitle')}
            confirmLabel={t('staff.common.delete')}
            onClose={() => setDeleting(null)}
            onConfirm={async () => {
              if (!deleting) return;
              await del(`/admin/sessions/${deleting.id}`);
              const title = text(deleting.title);
              setDeleting(null);
              await detail.reload();
              setMessage(t('staff.curriculum.deleted', { title }));
              sessionsHeading.current?.focus();
            }}
          >
            {deleting ? t('staff.curriculum.deleteBody', { title: text(deleting.title) }) : ''}
          </ConfirmDialog>
        </>
      )}
    </Stack>
  );
}
