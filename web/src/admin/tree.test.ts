import { describe, expect, it } from 'vitest';
import { appendPosition, descendantIds, parentChoices, siblingPlace, stepPosition } from './tree';

// 사무관리비 > (시범과정 > (설계, 현장학습), 네트워크), 연구용역비 > (학술연구)
const lines = [
  { id: 'office', parentId: null, kind: 'group' as const },
  { id: 'pilot', parentId: 'office', kind: 'group' as const },
  { id: 'design', parentId: 'pilot', kind: 'fixed' as const },
  { id: 'field', parentId: 'pilot', kind: 'formula' as const },
  { id: 'network', parentId: 'office', kind: 'fixed' as const },
  { id: 'research', parentId: null, kind: 'group' as const },
  { id: 'study', parentId: 'research', kind: 'fixed' as const },
];

describe('budget tree moves', () => {
  it('knows a line’s place among its siblings', () => {
    expect(siblingPlace(lines, 'office')).toEqual({ index: 0, count: 2, up: null, down: 1 });
    expect(siblingPlace(lines, 'research')).toEqual({ index: 1, count: 2, up: 0, down: null });
    expect(siblingPlace(lines, 'field')).toEqual({ index: 1, count: 2, up: 0, down: null });
    expect(siblingPlace(lines, 'study')).toEqual({ index: 0, count: 1, up: null, down: null });
    expect(siblingPlace(lines, 'missing')).toBeNull();
  });
  it('never offers a line itself or its sub-lines as the new parent', () => {
    expect([...descendantIds(lines, 'office')]).toEqual(['pilot', 'design', 'field', 'network']);
    expect(parentChoices(lines, 'office').map((l) => l.id)).toEqual(['research']);
    expect(parentChoices(lines, 'field').map((l) => l.id)).toEqual(['office', 'pilot', 'research']);
  });
  it('appends after the new siblings', () => {
    expect(appendPosition(lines, 'research', 'field')).toBe(1);
    expect(appendPosition(lines, 'pilot', 'field')).toBe(1);
    expect(appendPosition(lines, null, 'field')).toBe(2);
  });
  it('steps within a list', () => {
    expect(stepPosition(0, 3, -1)).toBeNull();
    expect(stepPosition(0, 3, 1)).toBe(1);
    expect(stepPosition(2, 3, 1)).toBeNull();
    expect(stepPosition(2, 3, -1)).toBe(1);
  });
});
