/**
 * An application as its reviewer reads it: each question's label in the reader's language and the
 * answer by type (choices as their labels, files as download links). Under blind review the server
 * leaves out names and organisations; this shows exactly what it sends.
 */
import { Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import type { MyReviewDetailT } from '../../../src/shared/contracts/review';
import { FileName } from '../lib/FileName';
import { Loc } from '../lib/Localized';
import { formatPlanDate } from '../lib/period';
import { useLang } from '../lib/text';
import { formatFileSize } from '../recruitment/file-size';
import { fileUrl } from '../recruitment/upload';
import { answerDisplay, type AnswerDisplay } from './review-form';

function Answer({ display }: { display: AnswerDisplay }) {
  const { t } = useTranslation('review');
  const lang = useLang();
  switch (display.kind) {
    case 'none':
      return <span className="no-answer">{t('review.noAnswer')}</span>;
    case 'text':
      return <span className="answer-text">{display.text}</span>;
    case 'number':
      return <>{new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB').format(display.value)}</>;
    case 'date':
      return <>{formatPlanDate(display.value, lang)}</>;
    case 'choices':
      return display.labels.length === 1 ? (
        <>{typeof display.labels[0] === 'string' ? display.labels[0] : <Loc value={display.labels[0]} />}</>
      ) : (
        <ul className="answer-choices">
          {display.labels.map((l, i) => (
            <li key={i}>{typeof l === 'string' ? l : <Loc value={l} />}</li>
          ))}
        </ul>
      );
    case 'file':
      return display.file ? (
        <>
          <a href={fileUrl(display.file.id)} className="inline-link" download>
            <Trans t={t} i18nKey="review.fileLink" components={{ file: <FileName name={display.file.name} /> }} />
          </a>{' '}
          ({formatFileSize(display.file.size, lang)})
        </>
      ) : (
        <a href={fileUrl(display.id)} className="inline-link" download>
          {t('review.fileUnnamed')}
        </a>
      );
  }
}

export function ApplicationAnswers({ detail }: { detail: MyReviewDetailT }) {
  const { t } = useTranslation('review');
  if (detail.questions.length === 0) return <Text>{t('review.noQuestions')}</Text>;
  return (
    <dl className="answers" data-testid="answers">
      {detail.questions.map((q) => (
        <div key={q.key}>
          <dt>
            <Loc value={q.label} />
          </dt>
          <dd>
            <Answer display={answerDisplay(q, detail.answers[q.key], detail.files)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
