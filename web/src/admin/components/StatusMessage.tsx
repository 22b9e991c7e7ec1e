import { Text } from '@mantine/core';

/**
 * A polite live region that is always in the page, so "Saved." and "Moved up." are announced
 * without moving focus (WCAG 4.1.3).
 */
export function StatusMessage({ message }: { message: string }) {
  return (
    <Text role="status" size="sm" fw={500} mih="1.5em">
      {message}
    </Text>
  );
}
