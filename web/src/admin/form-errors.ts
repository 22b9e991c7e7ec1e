/**
 * Form errors as the admin forms keep them: a path per field, in the same shape the server uses
 * ('title.ko', 'factors.0.value'), so a client check and a server answer land next to the same input.
 */
import type { ApiError } from '../lib/api';

/** A client-side problem: a key in the 'admin' namespace and its parameters. */
export interface Issue {
  key: string;
  params?: Record<string, string | number>;
}

export type Issues = Record<string, Issue>;

/** Field path → message shown to the reader. */
export type FieldMessages = Record<string, string>;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translateIssues(issues: Issues, t: Translate): FieldMessages {
  return Object.fromEntries(Object.entries(issues).map(([path, issue]) => [path, t(issue.key, issue.params)]));
}

export function hasIssues(issues: Issues): boolean {
  return Object.keys(issues).length > 0;
}

/** What a failed request means for a form: messages per field, and the message for the summary. */
export interface FormFailure {
  fields: FieldMessages;
  summary: string;
}

export function failureOf(error: unknown, fallback: string): FormFailure {
  // Duck-typed so this module stays free of the browser-only API client (unit tests run in Node).
  if (error instanceof Error && typeof (error as Partial<ApiError>).fieldMap === 'function') {
    return { fields: (error as ApiError).fieldMap(), summary: error.message };
  }
  return { fields: {}, summary: fallback };
}


/**
 * The error summary's lines: each field message prefixed with the name of its field, so "Required."
 * says which input it means. Messages of paths without a known field stay as they are.
 */
export function summaryItems(fields: FieldMessages, labelOf: (path: string) => string | undefined, join: (label: string, message: string) => string): string[] {
  return Object.entries(fields).map(([path, message]) => {
    const label = labelOf(path);
    return label ? join(label, message) : message;
  });
}

/** Splits an indexed path such as "factors.2.unit.en" into the list, the row and the rest. */
export function indexedPath(path: string): { list: string; index: number; rest: string } | null {
  const m = /^([a-zA-Z]+)\.(\d+)(?:\.(.+))?$/.exec(path);
  return m ? { list: m[1]!, index: Number(m[2]), rest: m[3] ?? '' } : null;
}
