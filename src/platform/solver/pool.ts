/**
 * Runs HiGHS off the main thread: a fixed number of worker threads, each solving one model at a
 * time, fed from a FIFO queue. HiGHS' own `time_limit` stops a long solve cleanly (with the best
 * solution found); a wall-clock deadline above it catches what the time limit cannot (a model that
 * takes ages to parse, a hang inside the Wasm), terminating that worker and starting a fresh one.
 */
import { Worker } from 'node:worker_threads';
import type { AssignmentPhase } from '../../core/assignment/model.js';
import type { TimetableProgress, TimetableResult } from '../../core/courses/timetable-solver.js';
import type { AssignmentTask, AssignmentTaskResult, HighsOptionValues, ProgressMessage, SolveReply, SolveRequest, SolverTask, TaskProgress, TimetableTask } from './protocol.js';

export type { AssignmentTask, AssignmentTaskResult, HighsOptionValues, TimetableTask } from './protocol.js';

/** One solve's outcome; `status` uses HiGHS' model-status words. */
export interface SolverPoolResult {
  readonly status: string;
  readonly objective: number | null;
  readonly columns: Readonly<Record<string, number>>;
  readonly gap?: number | null;
  /** Set for an assignment task. */
  readonly assignment?: AssignmentTaskResult;
  /** Set for a timetable task. */
  readonly timetable?: TimetableResult;
}

export interface SolveOptions {
  /** Overrides the pool's time limit for this request. */
  readonly timeLimitSeconds?: number;
  /** Further HiGHS options (e.g. { mip_rel_gap: 0 }); `time_limit` here is ignored in favour of timeLimitSeconds. */
  readonly highs?: HighsOptionValues;
  /** Overrides the wall-clock deadline (time limit + the pool's graceMs) after which the worker is terminated. */
  readonly deadlineMs?: number;
}

export interface SolverPoolOptions {
  /** Worker threads, each solving one model at a time. Each can use up to 2 GiB of Wasm memory. */
  readonly size?: number;
  /** HiGHS' `time_limit` for every request unless overridden. */
  readonly timeLimitSeconds: number;
  /**
   * Wall-clock allowance beyond the time limit before the worker is terminated: HiGHS checks its
   * clock only between iterations and not while reading the model.
   */
  readonly graceMs?: number;
}

export interface SolverPool {
  solve(lp: string, options?: SolveOptions): Promise<SolverPoolResult>;
  /** A whole reviewer assignment in a worker (profiles in, pairs out); `onPhase` hears its progress. */
  assign(task: AssignmentTask, options?: SolveOptions & { onPhase?: (phase: AssignmentPhase) => void }): Promise<AssignmentTaskResult>;
  /**
   * A whole timetable in a worker (problem in, placements and unplaced sessions out); the time limit
   * (`timeLimitSeconds`, default the pool's) bounds the search itself, and `onProgress` hears each
   * report (phase, placed, hard conflicts left).
   */
  timetable(task: TimetableTask, options?: Omit<SolveOptions, 'highs'> & { onProgress?: (progress: TimetableProgress) => void }): Promise<TimetableResult>;
  /** Rejects queued and running requests and terminates every worker; until then the workers keep the process alive. */
  close(): Promise<void>;
}

/** Thrown (as the rejection) when a request outlives its deadline or its worker dies. */
export class SolverPoolError extends Error {
  constructor(
    readonly code: 'timeout' | 'worker_exited' | 'solver_error' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'SolverPoolError';
  }
}

const DEFAULT_GRACE_MS = 10_000;

/**
 * The worker is TypeScript run through tsx (as is the whole server: `tsx src/cli/start.ts`). Node 20
 * resolves a worker's entry file before hooks from `execArgv: ['--import', 'tsx']` take effect
 * ("Unknown file extension .ts"), and vitest's in-process module runner is not inherited at all.
 * So the worker starts as a two-line script that registers tsx's ESM hooks itself and then imports
 * worker.ts. Both are absolute URLs resolved here (the ESM entry of tsx's API; its CommonJS entry
 * cannot register from a worker), so this works under vitest and `tsx`, from any directory.
 */
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;

function spawnWorker(): Worker {
  return new Worker(BOOTSTRAP, { eval: true });
}

interface Job {
  readonly request: SolveRequest;
  readonly onProgress?: ((progress: TaskProgress) => void) | undefined;
  readonly deadlineMs: number;
  readonly resolve: (result: SolverPoolResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export function createSolverPool({ size = 1, timeLimitSeconds, graceMs = DEFAULT_GRACE_MS }: SolverPoolOptions): SolverPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`solver pool size must be a positive integer, got ${size}`);
  if (!(timeLimitSeconds > 0)) throw new RangeError(`solver time limit must be positive, got ${timeLimitSeconds}`);
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, job: null, timer: null }));
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  /** Settles the slot's job, if any, and frees the slot. */
  function finish(slot: Slot, settle: (job: Job) => void) {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    if (job) settle(job);
  }

  /** Drops a worker that is stuck or gone; the next dispatch starts a fresh one. */
  function discard(slot: Slot, worker: Worker) {
    if (slot.worker !== worker) return;
    slot.worker = null;
    worker.removeAllListeners();
    // An exit or error after this point belongs to a worker nobody waits for.
    worker.on('error', () => {});
    void worker.terminate();
  }

  function ensureWorker(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = spawnWorker();
    slot.worker = worker;
    worker.on('message', (reply: SolveReply | ProgressMessage) => {
      if (!slot.job || slot.job.request.id !== reply.id) return;
      if ('progress' in reply) {
        slot.job.onProgress?.(reply.progress);
        return;
      }
      finish(slot, (job) => {
        if (reply.error !== undefined) job.reject(new SolverPoolError('solver_error', `HiGHS failed: ${reply.error}`));
        else
          job.resolve({
            status: reply.status,
            objective: reply.objective,
            columns: reply.columns,
            ...(reply.gap !== undefined ? { gap: reply.gap } : {}),
            ...(reply.assignment ? { assignment: reply.assignment } : {}),
            ...(reply.timetable ? { timetable: reply.timetable } : {}),
          });
      });
      dispatch();
    });
    const died = (why: string) => {
      discard(slot, worker);
      finish(slot, (job) => job.reject(new SolverPoolError('worker_exited', `solver worker ${why}; request ${job.request.id} was lost`)));
      if (!closed) dispatch();
    };
    worker.on('error', (error) => died(`crashed (${error.message})`));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    return worker;
  }

  function dispatch() {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (slot.job) continue;
      const job = queue.shift()!;
      const worker = ensureWorker(slot);
      slot.job = job;
      slot.timer = setTimeout(() => {
        discard(slot, worker);
        finish(slot, (j) =>
          j.reject(new SolverPoolError('timeout', `solver did not answer within ${j.deadlineMs} ms (time limit ${j.request.options.time_limit} s); its worker was terminated and replaced`)),
        );
        dispatch();
      }, job.deadlineMs);
      worker.postMessage(job.request);
    }
  }

  function submit(lp: string, options: SolveOptions, task?: SolverTask, onProgress?: (progress: TaskProgress) => void): Promise<SolverPoolResult> {
    if (closed) return Promise.reject(new SolverPoolError('closed', 'solver pool is closed'));
    const limit = options.timeLimitSeconds ?? timeLimitSeconds;
    if (!(limit > 0)) return Promise.reject(new RangeError(`solver time limit must be positive, got ${limit}`));
    const request: SolveRequest = { id: nextId++, lp, options: { output_flag: false, ...options.highs, time_limit: limit }, ...(task ? { task } : {}) };
    return new Promise<SolverPoolResult>((resolve, reject) => {
      // A task also builds its model in the worker: allow for that on top of the solver's time limit.
      const deadlineMs = options.deadlineMs ?? Math.ceil(limit * 1000) * (task ? 2 : 1) + graceMs;
      queue.push({ request, deadlineMs, resolve, reject, onProgress });
      dispatch();
    });
  }

  return {
    solve(lp, options = {}) {
      return submit(lp, options);
    },
    async assign(task, options = {}) {
      const onPhase = options.onPhase;
      const reply = await submit('', options, task, onPhase ? (p) => typeof p === 'string' && onPhase(p) : undefined);
      if (!reply.assignment) throw new SolverPoolError('solver_error', `assignment task answered without a result (status ${reply.status})`);
      return reply.assignment;
    },
    async timetable(task, options = {}) {
      const onProgress = options.onProgress;
      const reply = await submit('', options, task, onProgress ? (p) => typeof p !== 'string' && onProgress(p) : undefined);
      if (!reply.timetable) throw new SolverPoolError('solver_error', `timetable task answered without a result (status ${reply.status})`);
      return reply.timetable;
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = () => new SolverPoolError('closed', 'solver pool was closed before this request finished');
      for (const job of queue.splice(0)) job.reject(error());
      const exits: Promise<unknown>[] = [];
      for (const slot of slots) {
        finish(slot, (job) => job.reject(error()));
        const worker = slot.worker;
        if (!worker) continue;
        slot.worker = null;
        worker.removeAllListeners();
        worker.on('error', () => {});
        exits.push(worker.terminate());
      }
      await Promise.all(exits);
    },
  };
}
