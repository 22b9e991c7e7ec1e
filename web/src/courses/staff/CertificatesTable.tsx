/** The certificates of a cohort on its completion page, each with its verification page and, while valid, a way to revoke it. */
import { Anchor, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CertificateViewT } from '../../../../src/shared/contracts/attendance';
import { enumLabel } from '../../lib/labels';
import { useLang } from '../../lib/text';
import { formatDay, seoulDay } from './format';

export function CertificatesTable({ certificates, onRevoke }: { certificates: CertificateViewT[]; onRevoke: (c: CertificateViewT) => void }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="certificates-table">
        <Table.Caption>{t('staff.completion.certificates.caption', { count: certificates.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.completion.certificates.number')}</Table.Th>
            <Table.Th scope="col">{t('staff.completion.certificates.holder')}</Table.Th>
            <Table.Th scope="col">{t('staff.completion.certificates.issuedAt')}</Table.Th>
            <Table.Th scope="col">{t('staff.completion.certificates.status')}</Table.Th>
            <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {certificates.map((c) => (
            <Table.Tr key={c.id} data-certificate-id={c.id} data-unsupported={c.stillMeetsRules === false || undefined}>
              <Table.Th scope="row" fw={400}>
                {c.number}
              </Table.Th>
              <Table.Td>{c.holderName}</Table.Td>
              <Table.Td>{formatDay(seoulDay(c.issuedAt), lang)}</Table.Td>
              <Table.Td data-testid="certificate-status">
                {enumLabel(t, 'certificateStatus', c.status)}
                {c.status === 'valid' && c.stillMeetsRules === false && (
                  <Text component="span" display="block" size="sm" className="oc-flag">
                    <span aria-hidden="true">{'\u26a0 '}</span>
                    {t('staff.completion.certificates.unsupported')}
                  </Text>
                )}
                {c.revokedReason && (
                  <Text component="span" display="block" size="sm">
                    {t('staff.completion.certificates.revokedReason', { reason: c.revokedReason })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor href={c.verifyUrl} target="_blank" rel="noopener noreferrer" aria-label={t('staff.completion.certificates.verifyLabel', { number: c.number })} className="oc-course-nav-link" p={4}>
                  {t('staff.completion.certificates.verify')}
                </Anchor>
                {c.status === 'valid' && (
                  <Button size="xs" variant="default" ml="xs" onClick={() => onRevoke(c)} aria-label={t('staff.completion.revoke.label', { number: c.number, name: c.holderName })}>
                    {t('staff.completion.revoke.button')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
