/** File sizes as people read them ("820 B", "12.3 KB", "4 MB"), with the reader's digit grouping. Pure. */
const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

export function formatFileSize(bytes: number, lang: 'ko' | 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  // 1024 steps, as file managers count, so the server's "10 MB" limit reads the same here.
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  return `${number} ${UNITS[unit]}`;
}
