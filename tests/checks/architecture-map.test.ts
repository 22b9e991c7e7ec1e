/**
 * docs/ARCHITECTURE.md is the map a newcomer reads first, so it must not fall behind the tree: every
 * folder under src/ and web/src/ appears in its tree (the fenced block under "## The tree", where an
 * entry's place is given by its indentation), and every table of the schema is named in backticks.
 * A folder or table added without a line in the map fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/platform/db/schema/index.js';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

/** The paths the tree block names: each entry and, for "a/b/c.ts" entries, the folders on the way. */
export function namedPaths(markdown: string): Set<string> {
  const start = markdown.indexOf('## The tree');
  const open = markdown.indexOf('```', start);
  const close = markdown.indexOf('```', open + 3);
  const block = markdown.slice(markdown.indexOf('\n', open) + 1, close);
  const named = new Set<string>();
  // The stack of folders above the current line: [indentation, path].
  const stack: Array<[number, string]> = [];
  for (const line of block.split('\n')) {
    const match = /^( *)(\S+)/.exec(line);
    if (!match) continue;
    const indent = match[1]!.length;
    // Continuation lines of a description sit far to the right of any entry.
    if (indent >= 25) continue;
    while (stack.length > 0 && stack[stack.length - 1]![0] >= indent) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1]![1] : '';
    // "index.html," or "public/ (favicon…)": the first word is the entry.
    const entry = match[2]!.replace(/[,:]$/, '');
    const path = parent + entry;
    const parts = path.replace(/\/$/, '').split('/');
    for (let i = 1; i <= parts.length; i++) named.add(parts.slice(0, i).join('/'));
    if (entry.endsWith('/')) stack.push([indent, path]);
  }
  return named;
}

function folders(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const path = `${dir}/${entry.name}`;
    out.push(path, ...folders(path));
  }
  return out;
}

describe('docs/ARCHITECTURE.md stays true to the tree', () => {
  it('reads paths from an indented tree', () => {
    const named = namedPaths('## The tree\n\n```\nsrc/\n  core/\n    budget/money.ts   x\n                         more text/\n  app.ts\nweb/\n  src/lib/   y\n```\n');
    expect([...named].sort()).toEqual(['src', 'src/app.ts', 'src/core', 'src/core/budget', 'src/core/budget/money.ts', 'web', 'web/src', 'web/src/lib'].sort());
  });

  it('names every folder under src/ and web/src/', () => {
    const named = namedPaths(doc);
    const missing = [...folders('src'), ...folders('web/src')].filter((path) => !named.has(path));
    expect(missing, `folders missing from the tree in docs/ARCHITECTURE.md`).toEqual([]);
  });

  it('names every table of the schema', () => {
    const tables = (Object.values(schema) as unknown[]).filter((value): value is Table => is(value, Table)).map((table) => getTableName(table));
    expect(tables.length).toBeGreaterThan(30);
    const missing = tables.filter((name) => !doc.includes(`\`${name}\``));
    expect(missing, 'tables not named (in backticks) in docs/ARCHITECTURE.md').toEqual([]);
  });

  it('links only to files that exist', () => {
    // Relative links such as [adr/](adr/) or [src/modules/index.ts](../src/modules/index.ts).
    const broken = [...doc.matchAll(/\]\(([^)#\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/.test(target) && !existsSync(join(root, 'docs', target)));
    expect(broken).toEqual([]);
  });
});
