import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
  it('keeps small files in bytes', () => {
    expect(formatFileSize(0, 'en')).toBe('0 B');
    expect(formatFileSize(820, 'ko')).toBe('820 B');
  });
  it('steps by 1024 with one decimal below 100', () => {
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(10 * 1024 * 1024, 'ko')).toBe('10 MB');
    expect(formatFileSize(150 * 1024, 'en')).toBe('150 KB');
    expect(formatFileSize(1023, 'en')).toBe('1,023 B');
  });
  it('says nothing for sizes that are not sizes', () => {
    expect(formatFileSize(-1, 'en')).toBe('');
    expect(formatFileSize(Number.NaN, 'en')).toBe('');
  });
});
