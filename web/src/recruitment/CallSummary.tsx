/** The facts every call shows, in the list and on its own page: programme, status, period, places. */
import { useTranslation } from 'react-i18next';
import type { PublicCallViewT } from '../../../src/shared/contracts/recruitment';
import { scriptLang, useLang } from '../lib/text';
import { seoulTime, type WindowStatus } from './call-status';

export function StatusBadge({ status }: { status: WindowStatus }) {
  const { t } = useTranslation('recruitment');
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function CallFacts({ call, status }: { call: PublicCallViewT; status: WindowStatus }) {
  const { t } = useTranslation('recruitment');
  const lang = useLang();
  return (
    <dl className="call-facts">
      <div>
        <dt>{t('field.status')}</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
      </div>
      <div>
        <dt>{t('field.programme')}</dt>
        <dd lang={scriptLang(call.programme, lang)}>{call.programme}</dd>
      </div>
      <div>
        <dt>{t('field.window')}</dt>
        <dd>{t('windowRange', { opens: seoulTime(call.opensAt, lang), closes: seoulTime(call.closesAt, lang) })}</dd>
      </div>
      <div>
        <dt>{t('field.capacity')}</dt>
        <dd>{t('capacityValue', { count: call.capacity })}</dd>
      </div>
    </dl>
  );
}
