import { describe, expect, it } from 'vitest';
import { exportPath, fileNameFrom, reasonIssue } from './export';

describe('application export', () => {
  it('asks for a reason of 5 to 500 characters, as the server does', () => {
    expect(reasonIssue('')).toEqual({ key: 'export.reasonRequired' });
    expect(reasonIssue('   ')).toEqual({ key: 'export.reasonRequired' });
    expect(reasonIssue('심사')).toEqual({ key: 'export.reasonShort', params: { min: 5 } });
    expect(reasonIssue('1차 심사 준비')).toBeNull();
    expect(reasonIssue('x'.repeat(500))).toBeNull();
    expect(reasonIssue('x'.repeat(501))).toEqual({ key: 'export.reasonLong', params: { max: 500 } });
  });

  it('puts the trimmed reason in the query, encoded', () => {
    expect(exportPath('abc', 'xlsx', '  1차 심사 & 준비 ')).toBe(`/admin/calls/abc/applications/export.xlsx?reason=${encodeURIComponent('1차 심사 & 준비').replace(/%20/g, '+')}`);
    expect(exportPath('abc', 'csv', 'why not')).toBe('/admin/calls/abc/applications/export.csv?reason=why+not');
  });

  it('takes the file name the server proposes', () => {
    expect(fileNameFrom('attachment; filename="open-campus-applications-1-ko.xlsx"', 'x.xlsx')).toBe('open-campus-applications-1-ko.xlsx');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
