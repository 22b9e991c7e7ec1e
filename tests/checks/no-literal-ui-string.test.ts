/** The lint rule that keeps UI text out of components really fails on literals. */
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import rule from '../../tools/eslint/no-literal-ui-string.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

tester.run('no-literal-ui-string', rule, {
  valid: [
    { code: 'const a = <p>{t("home.title")}</p>;' },
    { code: 'const a = <Button aria-label={t("x")}>{" "}</Button>;' },
    { code: 'const a = <div className="box" data-testid="budget-total">{value} · {n}</div>;' },
  ],
  invalid: [
    { code: 'const a = <p>Hello</p>;', errors: [{ messageId: 'literal' }] },
    { code: 'const a = <p>예산</p>;', errors: [{ messageId: 'literal' }] },
    { code: 'const a = <input placeholder="Search" />;', errors: [{ messageId: 'literal' }] },
    { code: 'const a = <img alt={"logo"} />;', errors: [{ messageId: 'literal' }] },
    { code: 'const a = <b aria-label={`Edit ${name}`} />;', errors: [{ messageId: 'literal' }] },
  ],
});
