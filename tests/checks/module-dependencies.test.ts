/**
 * Module dependencies are declared, not discovered: every import of another module (through its
 * public.ts, which lint enforces) must be listed in the importing manifest's dependsOn, every
 * listed dependency must be used, and the declared graph has no cycle.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../../src/modules/index.js';
import { findCycle, moduleFolders, moduleImports } from './module-graph.js';

const root = path.resolve(import.meta.dirname, '../..');
const declared = new Map(modules.map((m) => [m.name, [...m.dependsOn]]));

describe('module dependencies', () => {
  it('lists every module folder once, by its folder name', () => {
    expect(modules.map((m) => m.name).sort()).toEqual(moduleFolders(root));
  });

  it('declares only listed modules, never itself, each once', () => {
    for (const m of modules) {
      for (const d of m.dependsOn) {
        expect(declared.has(d), `${m.name} depends on unknown module "${d}"`).toBe(true);
        expect(d, `${m.name} depends on itself`).not.toBe(m.name);
      }
      expect(new Set(m.dependsOn).size, `${m.name} lists a dependency twice`).toBe(m.dependsOn.length);
    }
  });

  it('declares every module another imports, and imports every module it declares', () => {
    const problems: string[] = [];
    for (const [own, edges] of moduleImports(root)) {
      const listed = declared.get(own) ?? [];
      for (const [target, uses] of edges) {
        if (!listed.includes(target)) problems.push(`${own} imports ${target} without listing it in dependsOn: ${uses.map((u) => `${u.file} → ${u.specifier}`).join(', ')}`);
      }
      for (const target of listed) if (!edges.has(target)) problems.push(`${own} lists ${target} in dependsOn but imports nothing of it`);
    }
    expect(problems).toEqual([]);
  });

  it('has no cycle', () => {
    expect(findCycle(declared)).toBeNull();
  });
});

describe('findCycle', () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

  it('finds none in a tree or a diamond', () => {
    expect(findCycle(graph({}))).toBeNull();
    expect(findCycle(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toBeNull();
    expect(findCycle(graph({ attendance: ['courses'], courses: ['administration', 'enrolment'], recruitment: ['courses'] }))).toBeNull();
  });

  it('returns the path that closes a cycle', () => {
    expect(findCycle(graph({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(graph({ x: ['a'], a: ['b'], b: ['a'] }))).toEqual(['a', 'b', 'a']);
    expect(findCycle(graph({ a: ['a'] }))).toEqual(['a', 'a']);
  });

  it('finds a cycle that only a later root reaches, past finished nodes', () => {
    expect(findCycle(graph({ a: ['z'], b: ['z', 'c'], c: ['d'], d: ['b'], z: [] }))).toEqual(['b', 'c', 'd', 'b']);
  });
});
