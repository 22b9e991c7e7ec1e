/**
 * Modules meet only at their public file. From src/modules/<a>/…, an import (or re-export, dynamic
 * import, import type) that resolves into another module src/modules/<b>/ must name
 * src/modules/<b>/public.ts (written public.js, as NodeNext wants). The list of modules,
 * src/modules/index.ts, is the one file that imports a module's index.ts (its manifest).
 * Which module may import which is declared in each manifest's dependsOn and checked by
 * tests/checks/module-dependencies.test.ts.
 */
import path from 'node:path';

const PUBLIC = /^public(\.[cm]?[jt]s)?$/;
const INDEX = /^index(\.[cm]?[jt]s)?$/;
const toPosix = (p) => p.split(path.sep).join('/');

export default {
  meta: {
    type: 'problem',
    docs: { description: "a module imports another module only through that module's public.ts" },
    schema: [],
    messages: {
      deep: 'Module "{{own}}" imports "{{target}}" from module "{{module}}": import from "{{module}}/public.js" (export it there), and list "{{module}}" in dependsOn.',
      registry: 'The module list imports each module\'s index.ts (its manifest) only, not "{{target}}".',
    },
  },
  create(context) {
    const file = context.filename;
    const rel = toPosix(path.relative(context.cwd, file));
    const inModule = /^src\/modules\/([^/]+)\//.exec(rel);
    const isRegistry = /^src\/modules\/[^/]+\.[cm]?[jt]sx?$/.test(rel);
    if (!inModule && !isRegistry) return {};
    const own = inModule ? inModule[1] : null;

    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = toPosix(path.relative(context.cwd, path.resolve(path.dirname(file), node.value)));
      const hit = /^src\/modules\/([^/]+)(?:\/(.*))?$/.exec(target);
      if (!hit) return;
      const [, module, rest = ''] = hit;
      if (module === own) return;
      if (own === null) {
        if (!INDEX.test(rest)) context.report({ node, messageId: 'registry', data: { target: node.value } });
        return;
      }
      if (!PUBLIC.test(rest)) context.report({ node, messageId: 'deep', data: { own, module, target: node.value } });
    }

    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      // typescript-eslint 8 names the string `source`; older parsers had it under `argument`.
      TSImportType: (n) => check('source' in n ? n.source : n.argument?.type === 'TSLiteralType' ? n.argument.literal : null),
    };
  },
};
