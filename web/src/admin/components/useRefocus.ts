import { useEffect, useState } from 'react';

/**
 * After a move the row is re-rendered elsewhere: once `rendered` (the reloaded data) is on screen,
 * focus goes back to the first of the given control ids that is still enabled (at the top or bottom
 * the pressed button is disabled, so the other direction takes focus).
 */
export function useRefocus(rendered: unknown): (ids: string[]) => void {
  const [refocus, setRefocus] = useState<string[] | null>(null);
  useEffect(() => {
    if (!refocus) return;
    for (const id of refocus) {
      const el = document.getElementById(id) as HTMLButtonElement | null;
      if (el && !el.disabled) {
        el.focus();
        break;
      }
    }
    setRefocus(null);
  }, [refocus, rendered]);
  return setRefocus;
}
