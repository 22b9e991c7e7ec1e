/**
 * Solver problems for the solver-pool tests: a small LP, a binary knapsack that is quick to write and
 * slow to prove optimal, and a seeded reviewer-assignment instance.
 */
import type { ApplicationProfile, ReviewerProfile } from '../../src/core/assignment/affinity.js';
import { mulberry32 } from '../../src/core/shared/random.js';

const prng = mulberry32;
export const SMALL_LP = 'Maximize\n obj: x + 2 y + 3 z\nSubject To\n c1: x + y + z <= 4\n c2: x + 3 z <= 6\nBounds\n 0 <= x <= 3\n 0 <= y <= 1\n 0 <= z <= 5\nEnd\n';

/** A binary multidimensional knapsack: tiny to write, slow to prove optimal (seconds or more). */
export function hardMip(n = 100, m = 10, seed = 3): string {
  const rnd = prng(seed);
  const rows: string[] = [];
  for (let j = 0; j < m; j++) {
    const w = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 1000));
    rows.push(` k${j}: ${w.map((x, i) => `+ ${x} y${i}`).join(' ')} <= ${Math.floor(w.reduce((a, b) => a + b) / 2)}`);
  }
  const obj = Array.from({ length: n }, (_, i) => `+ ${1 + Math.floor(rnd() * 1000)} y${i}`).join(' ');
  return `Maximize\n obj: ${obj}\nSubject To\n${rows.join('\n')}\nBinary\n ${Array.from({ length: n }, (_, i) => `y${i}`).join(' ')}\nEnd\n`;
}

export function assignmentInstance(nApps: number, nReviewers: number) {
  const sectors = ['civil_society', 'business', 'public'];
  const topics = ['housing', 'energy', 'care', 'mobility', 'food'];
  const rnd = prng(7);
  const pick = <T>(from: readonly T[], n: number) => from.filter(() => rnd() < n / from.length);
  const apps: ApplicationProfile[] = Array.from({ length: nApps }, (_, i) => ({
    id: `A${i}`,
    email: `a${i}@app${i}.org`,
    organisation: null,
    sector: sectors[Math.floor(rnd() * sectors.length)],
    topics: pick(topics, 2),
  }));
  const reviewers: ReviewerProfile[] = Array.from({ length: nReviewers }, (_, j) => ({
    id: `R${j}`,
    email: `r${j}@gmail.com`,
    organisation: null,
    declaredConflicts: [],
    sectors: pick(sectors, 1),
    topics: pick(topics, 2),
    expertise: pick([...topics, ...sectors], 1),
    load: 24,
  }));
  return { apps, reviewers };
}

