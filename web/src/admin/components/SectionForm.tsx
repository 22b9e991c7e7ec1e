import { Box, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** The id of the heading, which names the form for assistive technology. */
  headingId: string;
  title: string;
  /** Called instead of the browser's submit; the page checks the fields itself (noValidate). */
  onSubmit: () => void;
  children: ReactNode;
}

/** A form that is a section of its page, under its own h2. */
export function SectionForm({ headingId, title, onSubmit, children }: Props) {
  return (
    <Box
      component="form"
      noValidate
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Box>
  );
}
