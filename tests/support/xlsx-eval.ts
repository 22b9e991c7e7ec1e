/**
 * A small evaluator for the formulas the budget exporter writes, so tests can prove the workbook
 * really recomputes: change an input cell, evaluate the total, compare. It knows numbers, strings,
 * cell references and ranges, + - * / & and comparisons, parentheses, and SUM, IF (lazy) and TEXT
 * (the "#,##0"-style formats). Anything else throws, so an exporter change that writes a formula
 * this cannot read fails loudly instead of being skipped.
 */
import type ExcelJS from 'exceljs';

export type CellValue = number | string | boolean | null;

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; addr: string }
  | { t: 'range'; from: string; to: string }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; fn: string; args: Node[] };

type Token = { k: 'num' | 'str' | 'ref' | 'fn' | 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|(\$?[A-Z]{1,3}\$?\d+)(?![A-Z(])|([A-Z][A-Z0-9.]*)(?=\()|(<>|<=|>=|[-+*/&=<>(),:]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`cannot read formula at ${i}: ${src}`);
    i = re.lastIndex;
    if (m[1] !== undefined) out.push({ k: 'num', v: m[1] });
    else if (m[2] !== undefined) out.push({ k: 'str', v: m[2].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ k: 'ref', v: m[3].replace(/\$/g, '') });
    else if (m[4] !== undefined) out.push({ k: 'fn', v: m[4].toUpperCase() });
    else out.push({ k: 'op', v: m[5]! });
  }
  return out;
}

/** Recursive descent with Excel's precedence: comparison < & < + - < * / < unary minus. */
export function parseFormula(src: string): Node {
  const tokens = tokenize(src.replace(/^=/, ''));
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (...ops: string[]) => peek()?.k === 'op' && ops.includes(peek()!.v);
  const expectOp = (op: string) => {
    if (!isOp(op)) throw new Error(`expected "${op}" in ${src}`);
    pos += 1;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let l = next();
    while (isOp(...ops)) {
      const op = tokens[pos++]!.v;
      l = { t: 'bin', op, l, r: next() };
    }
    return l;
  };
  const primary = (): Node => {
    const tok = tokens[pos++];
    if (!tok) throw new Error(`unexpected end of ${src}`);
    if (tok.k === 'num') return { t: 'num', v: Number(tok.v) };
    if (tok.k === 'str') return { t: 'str', v: tok.v };
    if (tok.k === 'ref') {
      if (isOp(':')) {
        pos += 1;
        const to = tokens[pos++];
        if (to?.k !== 'ref') throw new Error(`bad range in ${src}`);
        return { t: 'range', from: tok.v, to: to.v };
      }
      return { t: 'ref', addr: tok.v };
    }
    if (tok.k === 'fn') {
      expectOp('(');
      const args: Node[] = [];
      if (!isOp(')')) {
        args.push(comparison());
        while (isOp(',')) {
          pos += 1;
          args.push(comparison());
        }
      }
      expectOp(')');
      return { t: 'call', fn: tok.v, args };
    }
    if (tok.v === '(') {
      const e = comparison();
      expectOp(')');
      return e;
    }
    throw new Error(`unexpected "${tok.v}" in ${src}`);
  };
  const unary = (): Node => {
    if (isOp('-')) {
      pos += 1;
      return { t: 'neg', e: unary() };
    }
    if (isOp('+')) {
      pos += 1;
      return unary();
    }
    return primary();
  };
  const term = binary(unary, ['*', '/']);
  const additive = binary(term, ['+', '-']);
  const concat = binary(additive, ['&']);
  const comparison = binary(concat, ['=', '<>', '<', '>', '<=', '>=']);
  const tree = comparison();
  if (pos !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return tree;
}

function splitAddress(addr: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(addr);
  if (!m) throw new Error(`bad address ${addr}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

function toNumber(v: CellValue, where: string): number {
  if (v === null || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Error(`#VALUE! "${v}" is not a number (${where})`);
}

function toText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** TEXT(value, format) for the formats the exporter uses: "#,##0", "0", "#,##0.0##", "0.0%". */
function formatText(value: number, format: string): string {
  const percent = format.endsWith('%');
  const n = percent ? value * 100 : value;
  const body = percent ? format.slice(0, -1) : format;
  const m = /^(#,##0|0)(?:\.(0*)(#*))?$/.exec(body);
  if (!m) throw new Error(`TEXT format not supported: ${format}`);
  const minFrac = m[2]?.length ?? 0;
  const maxFrac = minFrac + (m[3]?.length ?? 0);
  const text = n.toLocaleString('en-US', { useGrouping: m[1] === '#,##0', minimumFractionDigits: minFrac, maximumFractionDigits: maxFrac });
  return percent ? `${text}%` : text;
}

/** Evaluates a worksheet's cells from their formulas (not their cached results). */
export class SheetEvaluator {
  private readonly cache = new Map<string, CellValue>();
  private readonly active = new Set<string>();

  constructor(private readonly ws: ExcelJS.Worksheet) {}

  /** The computed value of a cell: its formula evaluated, or its literal value. */
  value(address: string): CellValue {
    const addr = address.replace(/\$/g, '');
    if (this.cache.has(addr)) return this.cache.get(addr)!;
    if (this.active.has(addr)) throw new Error(`circular reference at ${addr}`);
    this.active.add(addr);
    try {
      const formula = this.formulaOf(addr);
      const result = formula !== null ? this.evaluate(parseFormula(formula), addr) : this.literal(addr);
      this.cache.set(addr, result);
      return result;
    } finally {
      this.active.delete(addr);
    }
  }

  number(address: string): number {
    return toNumber(this.value(address), address);
  }

  formulaOf(address: string): string | null {
    const v = this.ws.getCell(address).value;
    if (v !== null && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') return v.formula;
    if (v !== null && typeof v === 'object' && 'sharedFormula' in v) throw new Error(`shared formulas are not supported (${address})`);
    return null;
  }

  private literal(address: string): CellValue {
    const v = this.ws.getCell(address).value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new Error(`unsupported cell value at ${address}: ${JSON.stringify(v)}`);
  }

  private evaluate(node: Node, where: string): CellValue {
    switch (node.t) {
      case 'num':
      case 'str':
        return node.v;
      case 'ref':
        return this.value(node.addr);
      case 'range':
        throw new Error(`a range is only allowed inside SUM (${where})`);
      case 'neg':
        return -toNumber(this.evaluate(node.e, where), where);
      case 'bin': {
        const l = this.evaluate(node.l, where);
        const r = this.evaluate(node.r, where);
        switch (node.op) {
          case '+':
            return toNumber(l, where) + toNumber(r, where);
          case '-':
            return toNumber(l, where) - toNumber(r, where);
          case '*':
            return toNumber(l, where) * toNumber(r, where);
          case '/': {
            const d = toNumber(r, where);
            if (d === 0) throw new Error(`#DIV/0! at ${where}`);
            return toNumber(l, where) / d;
          }
          case '&':
            return toText(l) + toText(r);
          default:
            return compare(node.op, l, r);
        }
      }
      case 'call':
        return this.call(node.fn, node.args, where);
    }
  }

  private call(fn: string, args: Node[], where: string): CellValue {
    switch (fn) {
      case 'SUM': {
        let total = 0;
        for (const a of args) {
          if (a.t === 'range') {
            for (const addr of this.rangeCells(a.from, a.to)) {
              const v = this.value(addr);
              // Like Excel, SUM skips text and blanks inside ranges.
              if (typeof v === 'number') total += v;
            }
          } else total += toNumber(this.evaluate(a, where), where);
        }
        return total;
      }
      case 'IF': {
        if (args.length < 2 || args.length > 3) throw new Error(`IF takes 2 or 3 arguments (${where})`);
        const cond = this.evaluate(args[0]!, where);
        const truthy = typeof cond === 'boolean' ? cond : toNumber(cond, where) !== 0;
        if (truthy) return this.evaluate(args[1]!, where);
        return args[2] ? this.evaluate(args[2], where) : false;
      }
      case 'TEXT': {
        if (args.length !== 2) throw new Error(`TEXT takes 2 arguments (${where})`);
        return formatText(toNumber(this.evaluate(args[0]!, where), where), toText(this.evaluate(args[1]!, where)));
      }
      default:
        throw new Error(`function ${fn} is not supported (${where})`);
    }
  }

  private rangeCells(from: string, to: string): string[] {
    const a = splitAddress(from);
    const b = splitAddress(to);
    const cells: string[] = [];
    for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++) {
      for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++) cells.push(this.ws.getCell(row, col).address);
    }
    return cells;
  }
}

function compare(op: string, l: CellValue, r: CellValue): boolean {
  const norm = (v: CellValue) => (v === null ? 0 : v);
  const a = norm(l);
  const b = norm(r);
  const c = typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1;
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

/** Every formula cell of a sheet with its cached result, for "formulas agree with their results" checks. */
export function formulaCells(ws: ExcelJS.Worksheet): { address: string; formula: string; result: unknown }[] {
  const out: { address: string; formula: string; result: unknown }[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      const v = cell.value;
      if (v !== null && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') out.push({ address: cell.address, formula: v.formula, result: v.result });
    });
  });
  return out;
}
