import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Key figures as a description list: a small label over a bold value, side by side from the sm breakpoint. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: facts.length }} component="dl" m={0}>
      {facts.map((f) => (
        <div key={f.label}>
          <Text component="dt" size="sm">
            {f.label}
          </Text>
          <Text component="dd" fw={700} m={0} data-testid={f.testId}>
            {f.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
