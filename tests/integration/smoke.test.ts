import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the plan is the first content', () => {
  it('serves the seeded budget total of 204,000 thousand KRW', async () => {
    const res = await t.client().get('/api/v1/budget');
    expect(res.statusCode).toBe(200);
    expect(res.json().planned).toBe(204_000_000);
  });

  it('lets an admin change a formula line and the public total follows', async () => {
    const admin = await t.signedIn(['admin']);
    const budget = (await t.client().get('/api/v1/budget')).json<{ lines: { id: string; key: string | null }[] }>();
    const fees = budget.lines.find((l) => l.key === 'lecture-fees')!;
    const res = await admin.patch(`/api/v1/admin/budget-lines/${fees.id}`, {
      factors: [
        { value: 20, unit: { ko: '일', en: 'days', enOne: 'day' } },
        { value: 2, unit: { ko: '명', en: 'people', enOne: 'person' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().planned).toBe(12_000_000);
    const after = await t.client().get('/api/v1/budget');
    expect(after.json().planned).toBe(204_000_000 + 2_400_000);
  });
});
