import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy.js';

describe('password screening', () => {
  it('refuses the most common passwords, in any case and with digits or punctuation added', () => {
    for (const p of ['123456789', 'password', 'PASSWORD', 'Password1', 'password2026!', 'qwer1234!!', 'iloveyou', 'pass word', 'minecraft']) expect(passwordWeakness(p), p).toBe('common');
  });

  it('refuses the address, its name part and the site’s name', () => {
    expect(passwordWeakness('kim.minji@example.org', 'kim.minji@example.org')).toBe('context');
    expect(passwordWeakness('Kim.Minji2026', 'kim.minji@example.org')).toBe('context');
    expect(passwordWeakness('opencampus!', undefined)).toBe('context');
    expect(passwordWeakness('오픈캠퍼스2019', undefined)).toBe('context');
  });

  it('passes long sentences and unusual passwords', () => {
    for (const p of ['correct horse battery staple', 'my cat naps on the piano', '우리집 고양이는 피아노 위에서 잔다', 'Zq8xWm3NcR5tLp0v']) expect(passwordWeakness(p, 'kim.minji@example.org'), p).toBeNull();
  });
});
