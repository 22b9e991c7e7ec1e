/**
 * Fails on literal UI text in React components: JSX text with letters, and string literals in
 * user-facing attributes (aria-label, title, placeholder, alt, label, description). Every word a
 * person reads must come from the locale files (locales/ko, locales/en) through t().
 */
const UI_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'description', 'error', 'withAsterisk-label']);
const LETTER = /\p{L}/u;

export default {
  meta: {
    type: 'problem',
    docs: { description: 'UI text must come from translations, not literals' },
    schema: [],
    messages: { literal: 'Literal UI text "{{text}}": use t() with a key in locales/ko and locales/en.' },
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (LETTER.test(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!UI_ATTRIBUTES.has(name) || !node.value) return;
        if (node.value.type === 'Literal' && typeof node.value.value === 'string' && LETTER.test(node.value.value)) report(node.value, node.value.value);
        if (node.value.type === 'JSXExpressionContainer' && node.value.expression.type === 'Literal' && typeof node.value.expression.value === 'string' && LETTER.test(node.value.expression.value)) {
          report(node.value, node.value.expression.value);
        }
        if (node.value.type === 'JSXExpressionContainer' && node.value.expression.type === 'TemplateLiteral' && node.value.expression.quasis.some((q) => LETTER.test(q.value.cooked ?? ''))) {
          report(node.value, '`…`');
        }
      },
    };
  },
};
