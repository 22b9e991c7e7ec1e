/**
 * The licence and publisher stated on every open-data file (docs/adr/0014). The licence is chosen
 * by OPEN_DATA_LICENCE; both choices allow reuse, changes and commercial use with attribution, which
 * is what an open-data portal needs. Addresses are the licences' own canonical pages.
 */
import type { LocalizedText } from '../../core/shared/localized.js';
import type { Config } from '../../platform/config.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { OpenLicenceT, OpenTextT } from '../../shared/contracts/open-data.js';

const LICENCE_URL: Record<Config['openDataLicence'], string> = {
  'kogl-1': 'https://www.kogl.or.kr/info/licenseType1.do',
  'cc-by-4.0': 'https://creativecommons.org/licenses/by/4.0/',
};

/** Both catalogue languages from one server message key. */
export function both(key: string, params: Record<string, string> = {}): OpenTextT {
  return { ko: translate('ko', key, params), en: translate('en', key, params) };
}

/** Content text as published: English is null when it was never written. */
export function openText(text: LocalizedText): OpenTextT {
  const en = text.en?.trim();
  return { ko: text.ko, en: en ? en : null };
}

/** The publisher: configured, or the department named in the plan's source, or the campus. */
export function publisherOf(config: Pick<Config, 'openDataPublisher'>, planSource: Record<string, unknown> | undefined): OpenTextT {
  if (config.openDataPublisher) return { ko: config.openDataPublisher.ko, en: config.openDataPublisher.en ?? null };
  const dept = planSource?.department as LocalizedText | undefined;
  if (dept && typeof dept.ko === 'string') return openText(dept);
  return both('openData.publisherDefault');
}

export function licenceOf(config: Pick<Config, 'openDataLicence' | 'publicUrl'>, publisher: OpenTextT): OpenLicenceT {
  const id = config.openDataLicence;
  const page = `${config.publicUrl}/data`;
  return {
    id,
    title: both(`openData.licence.${id}`),
    url: LICENCE_URL[id],
    attribution: {
      ko: translate('ko', 'openData.licence.attribution', { publisher: publisher.ko, page }),
      en: translate('en', 'openData.licence.attribution', { publisher: publisher.en ?? publisher.ko, page }),
    },
  };
}
