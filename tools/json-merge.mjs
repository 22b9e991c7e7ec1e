#!/usr/bin/env node
// Deep-merges a JSON fragment into a JSON file, keeping key order and 2-space formatting:
//   node tools/json-merge.mjs locales/ko/server.json fragment.json
// Several people can add messages to one catalog this way without overwriting each other's keys
// (run it under `flock` when working in parallel).
import { readFileSync, writeFileSync } from 'node:fs';

const [target, fragmentFile] = process.argv.slice(2);
if (!target || !fragmentFile) {
  console.error('usage: node tools/json-merge.mjs <target.json> <fragment.json>');
  process.exit(2);
}
const merge = (a, b) => {
  for (const [k, v] of Object.entries(b)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object') merge(a[k], v);
    else a[k] = v;
  }
  return a;
};
const data = JSON.parse(readFileSync(target, 'utf8'));
writeFileSync(target, `${JSON.stringify(merge(data, JSON.parse(readFileSync(fragmentFile, 'utf8'))), null, 2)}\n`);
