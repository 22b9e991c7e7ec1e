/**
 * Progress of a background run: a labelled native progress bar (its role and value come with the
 * element) and a polite live region that says which step the run is in, so a screen reader hears
 * each change without focus moving. The live region stays in the page before any run starts, since
 * a region that appears together with its first message is often not announced.
 */
import { Stack, Text } from '@mantine/core';
import { useId } from 'react';

interface Props {
  /** Names the bar, e.g. "Assignment progress". */
  label: string;
  /** 0..100, or null while there is no run to follow (only the empty live region is rendered). */
  value: number | null;
  /** What is happening now, announced politely ("Solving with HiGHS…"). */
  statusText: string;
}

export function RunProgress({ label, value, statusText }: Props) {
  const id = useId();
  return (
    <Stack gap={4} className="oc-run-progress">
      {value !== null && (
        <>
          <Text component="label" htmlFor={id} fw={700} size="sm">
            {label}
          </Text>
          <progress id={id} max={100} value={value} aria-valuetext={statusText} />
        </>
      )}
      {/* No aria-busy here: screen readers hold back a busy region's updates, and each step should be heard. */}
      <Text role="status" aria-live="polite" size="sm" mih={value === null ? 0 : '1.5em'} data-testid="run-status">
        {statusText}
      </Text>
    </Stack>
  );
}
