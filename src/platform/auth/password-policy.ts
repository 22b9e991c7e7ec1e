/**
 * Refuses passwords that attackers try first (ASVS 6.2.4, 6.2.11; NIST SP 800-63B 3.1.1.2): the
 * ~49,000 most common passwords from leaked password sets, as shipped by @zxcvbn-ts/language-common
 * (MIT; its "passwords-common" dictionary), and passwords made of the account's own address or the
 * site's name. No composition rules: a long sentence of ordinary words passes.
 *
 * Checked at sign-up, first-admin setup, admin:create and password change. The list is loaded on
 * first use, on the server only (it would add ~400 KB to the web app).
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '../../core/shared/domain-error.js';

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Digits, punctuation and symbols at the end (\W would also take Hangul). */
const TRAILING = /[\p{N}\p{P}\p{S}\s]+$/u;

const SITE_WORDS = ['opencampus', 'open campus', '오픈캠퍼스', 'socialinnovation'];

/** Why `password` would be refused, or null. `email` is the account's address, when known. */
export function passwordWeakness(password: string, email?: string): 'common' | 'context' | null {
  const lower = password.toLowerCase();
  const squeezed = lower.replace(/\s+/g, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(squeezed)) return 'common';
  // A common password with digits or punctuation added at the end ("password2026!").
  const stem = squeezed.replace(TRAILING, '');
  if (stem.length >= 4 && stem !== squeezed && list.has(stem)) return 'common';
  const unpunctuated = squeezed.replace(/[^\p{L}\p{N}]+$/u, '');
  if (unpunctuated !== squeezed && list.has(unpunctuated)) return 'common';
  const local = email?.toLowerCase().split('@')[0] ?? '';
  const rest = squeezed.slice(local.length);
  if (local.length >= 3 && squeezed.startsWith(local) && (rest === '' || rest === email?.toLowerCase().slice(local.length) || /^[\p{N}\p{P}\p{S}]+$/u.test(rest))) return 'context';
  if (SITE_WORDS.some((w) => squeezed.replace(TRAILING, '') === w.replace(/\s+/g, ''))) return 'context';
  return null;
}

/** Throws the field error shown under the password box when `password` is too easy to guess. */
export function assertPasswordAcceptable(password: string, email?: string, field = 'password'): void {
  const weakness = passwordWeakness(password, email);
  if (weakness === 'common') throw new DomainError('auth.password_common', {}, field);
  if (weakness === 'context') throw new DomainError('auth.password_context', {}, field);
}
