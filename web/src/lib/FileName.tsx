/**
 * A file's name as its owner gave it ("Hong portfolio.pdf"): user content, shown as it is. Marked
 * data-file-name so the no-codes check (tests/e2e/no-codes.ts) reads it as a file name, not as a
 * dotted code; anything in it that is not a file name is still checked.
 */
export function FileName({ name }: { name: string }) {
  return <span data-file-name="">{name}</span>;
}
