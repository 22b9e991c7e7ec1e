/**
 * A reviewer's progress in one call: "7 of 12 reviews submitted", a native progress bar named for
 * the call (its role and value come with the element), and a button to the next unreviewed
 * application, on /me/reviews and on the review page.
 */
import { Button, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reviewProgress, type ReviewProgress } from './progress';

export function ReviewProgressBar({ callName, items, nextId, testId }: { callName: string; items: readonly { status: string }[]; nextId: string | null; testId?: string }) {
  const { t } = useTranslation('review');
  const id = useId();
  const p: ReviewProgress = reviewProgress(items as readonly { status: 'submitted' | 'draft' | 'not_started' }[]);
  const text = t('reviews.progress', { submitted: p.submitted, total: p.total });
  return (
    <Stack gap={4} className="review-progress" data-testid={testId}>
      <Text size="sm" id={`${id}-text`}>
        {text}
      </Text>
      <progress id={id} max={100} value={p.percent} aria-label={t('reviews.progressLabel', { call: callName })} aria-describedby={`${id}-text`} />
      <Group gap="sm">
        {nextId ? (
          <Button component={Link} to={`/me/reviews/${nextId}`} size="sm" variant="filled" data-testid={testId ? `${testId}-next` : undefined}>
            {t('reviews.nextUnreviewed')}
          </Button>
        ) : (
          p.total > 0 && <Text size="sm">{t('reviews.allDone')}</Text>
        )}
      </Group>
    </Stack>
  );
}
