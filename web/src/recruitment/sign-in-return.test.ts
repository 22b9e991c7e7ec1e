import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from './sign-in-return';

describe('safeReturnPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeReturnPath('/calls/0190a0b0-0000-7000-8000-000000000001')).toBe('/calls/0190a0b0-0000-7000-8000-000000000001');
    expect(safeReturnPath('/me/reviews?x=1#top')).toBe('/me/reviews?x=1#top');
  });
  it('refuses anything that could leave the site', () => {
    for (const raw of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'calls', '/\tevil', ' /calls']) {
      expect(safeReturnPath(raw), raw).toBeNull();
    }
  });
  it('refuses a missing path, and the sign-in and sign-up pages themselves', () => {
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('')).toBeNull();
    expect(safeReturnPath('/sign-in?next=/x')).toBeNull();
    expect(safeReturnPath('/sign-up')).toBeNull();
    expect(safeReturnPath('/sign-index')).toBe('/sign-index');
  });
});

describe('signInPath', () => {
  it('carries the page as next, encoded', () => {
    expect(signInPath('/calls/abc')).toBe('/sign-in?next=%2Fcalls%2Fabc');
    expect(signInPath('/me/reviews?tab=1')).toBe('/sign-in?next=%2Fme%2Freviews%3Ftab%3D1');
  });
  it('drops a home page or an unsafe path', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
  });
});
