import { Text, Title } from '@mantine/core';
import type { LocalizedText } from '../../../../src/core/shared/localized';
import { Loc } from '../../lib/Localized';

/** The page's h1, with the name of what the page is about (a call, a cohort) beneath it once loaded. */
export function PageHeading({ title, subject }: { title: string; subject: LocalizedText | undefined }) {
  return (
    <Title order={1}>
      {title}
      {subject && (
        <Text component="span" display="block" size="lg" fw={500}>
          <Loc value={subject} />
        </Text>
      )}
    </Title>
  );
}
