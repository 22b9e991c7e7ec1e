/**
 * Following work that runs off the request thread (an assignment or timetable run): the page asks
 * for it again a moment after each answer until it is over.
 */
import { useEffect, useRef } from 'react';
import { get } from './api';

/**
 * GETs `path` every `intervalMs` (counted from the previous answer) while `path` is not null, and
 * hands each answer to `onAnswer`. The caller stops it by passing null once the run has finished;
 * a new path (another run) starts over. A missed poll is retried on the next tick.
 */
export function usePolling<T>(path: string | null, onAnswer: (data: T) => void | Promise<void>, intervalMs = 1000): void {
  const answer = useRef(onAnswer);
  answer.current = onAnswer;
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    let timer = 0;
    const tick = async () => {
      try {
        const data = await get<T>(path);
        if (!cancelled) await answer.current(data);
      } catch {
        // Retried on the next tick.
      }
      if (!cancelled) timer = window.setTimeout(() => void tick(), intervalMs);
    };
    timer = window.setTimeout(() => void tick(), intervalMs);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [path, intervalMs]);
}
