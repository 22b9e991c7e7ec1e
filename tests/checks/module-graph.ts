/**
 * The imports between modules as a graph, read from the source (TypeScript's own pre-processor, so
 * import type, re-exports and dynamic imports count), and a cycle finder for such graphs. Used by
 * tests/checks/module-dependencies.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of another module: which file, what it names. */
export interface ModuleImport {
  file: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(c|m)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The module folders under src/modules. */
export function moduleFolders(root: string): string[] {
  return readdirSync(path.join(root, 'src/modules'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** For each module, the other modules it imports, each with the imports that make the edge. */
export function moduleImports(root: string): Map<string, Map<string, ModuleImport[]>> {
  const modulesDir = path.join(root, 'src/modules');
  const graph = new Map<string, Map<string, ModuleImport[]>>();
  for (const own of moduleFolders(root)) {
    const edges = new Map<string, ModuleImport[]>();
    graph.set(own, edges);
    for (const file of sourceFiles(path.join(modulesDir, own))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName: specifier } of importedFiles) {
        if (!specifier.startsWith('.')) continue;
        const target = path.relative(modulesDir, path.resolve(path.dirname(file), specifier)).split(path.sep);
        if (target[0] === '..' || target.length < 2 || target[0] === own) continue;
        const list = edges.get(target[0]!) ?? [];
        list.push({ file: path.relative(root, file).split(path.sep).join('/'), specifier });
        edges.set(target[0]!, list);
      }
    }
  }
  return graph;
}

/**
 * A cycle of the graph as the path that closes it (['a', 'b', 'a']), or null when there is none.
 * Depth-first with three colours; nodes only named as targets count as nodes without edges.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}
