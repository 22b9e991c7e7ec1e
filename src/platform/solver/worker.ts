/**
 * A worker thread that owns one HiGHS WebAssembly instance. HiGHS' `solve` is synchronous and can
 * run for minutes, so it must not run on the thread that serves HTTP; the pool (pool.ts) sends
 * one request at a time here and keeps the clock. Every request gets exactly one reply: a thrown
 * solver error becomes an `error` reply instead of killing the thread.
 */
import { parentPort } from 'node:worker_threads';
import type { SolveReply, SolveRequest } from './protocol.js';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;

/** Statuses whose solution fields carry a primal point worth returning. */
const WITH_SOLUTION = new Set(['Optimal', 'Time limit reached', 'Iteration limit reached', 'Bound on objective reached', 'Target for objective reached', 'Solution limit reached', 'Interrupted by user']);

let loading: Promise<Highs> | null = null;

/** Loaded once per thread (compiling the Wasm module costs tens of milliseconds), reloaded after an abort. */
function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((m) => m.default());
  return loading;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function handle(request: SolveRequest): Promise<SolveReply> {
  try {
    const highs = await loadHighs();
    const result = highs.solve(request.lp, request.options as never);
    const status: string = result.Status;
    const columns: Record<string, number> = {};
    let hasSolution = WITH_SOLUTION.has(status);
    if (hasSolution) {
      for (const [name, column] of Object.entries(result.Columns)) {
        const primal = (column as { Primal?: number }).Primal;
        if (typeof primal === 'number') columns[name] = primal;
      }
      // A limit can stop the solve before any primal point exists; then there is no objective either.
      hasSolution = status === 'Optimal' || Object.keys(columns).length > 0;
    }
    return { id: request.id, status, objective: hasSolution ? result.ObjectiveValue : null, columns };
  } catch (error) {
    // After a Wasm trap (out of memory, abort) the instance's memory may be inconsistent: load a
    // fresh one for the next request rather than trust it.
    if (error instanceof WebAssembly.RuntimeError || /abort|memory/i.test(errorText(error))) loading = null;
    return { id: request.id, status: 'Error', objective: null, columns: {}, error: errorText(error) };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (request: SolveRequest) => {
    void handle(request).then((reply) => port.postMessage(reply));
  });
  // Start compiling HiGHS before the first request arrives; a failure surfaces as that request's error reply.
  loadHighs().catch(() => {
    loading = null;
  });
}
