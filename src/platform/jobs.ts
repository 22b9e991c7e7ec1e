/**
 * Background work started by a request and finished after the response (an assignment run, sending
 * the outbox). Each job's state lives in its own table row (status, phase, result), so any instance
 * can report progress; this registry only keeps the promises so that closing the app waits for them
 * instead of pulling the database from under a running job.
 */
export interface Jobs {
  /** Runs `work` in the background; its rejection is passed to `onError` (it must record the failure). */
  start(name: string, work: () => Promise<void>, onError: (err: unknown) => Promise<void> | void): void;
  /** Jobs still running. */
  readonly running: number;
  /** Resolves once every job started so far has settled. */
  drain(): Promise<void>;
}

export function createJobs(): Jobs {
  const active = new Set<Promise<void>>();
  return {
    start(_name, work, onError) {
      const p: Promise<void> = (async () => {
        try {
          await work();
        } catch (err) {
          try {
            await onError(err);
          } catch {
            // The failure handler itself failed (e.g. the database closed); nothing more to record.
          }
        }
      })().finally(() => active.delete(p));
      active.add(p);
    },
    get running() {
      return active.size;
    },
    async drain() {
      while (active.size > 0) await Promise.allSettled([...active]);
    },
  };
}
