import type { LocalizedText as Text } from '../../../../src/core/shared/localized';
import { useLocalized } from '../../lib/text';

/** Content in the reader's language; when only the other language exists it is shown marked with its lang. */
export function LocalizedText({ text }: { text: Text | null | undefined }) {
  const localized = useLocalized();
  const picked = localized(text);
  return picked.fallback ? <span lang={picked.lang}>{picked.text}</span> : <>{picked.text}</>;
}
