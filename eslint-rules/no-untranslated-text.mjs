// The console speaks the operator's language (lib/i18n/console/translator.ts): words shown to
// people go through `t(...)`, not as literal JSX text or literal labelling attributes. Text made
// only of capitals, digits and signs ("CSV", "ID", "2FA", "→") is the same in every language
// and passes; anything else that truly must not be translated says so with an eslint-disable
// comment naming why.
const LABEL_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'placeholder',
  'title',
  'alt',
  'label',
  'description',
  'hint',
  'emptyText',
  'confirmLabel',
  'cancelLabel',
]);
const LANGUAGE_NEUTRAL = /^[\sA-Z0-9_\-–—./:;,%#×→←↑↓·•()[\]{}+*=<>?!&|'"…$¥€£@^~`]*$/;

const isWords = (text) => /[A-Za-z]/.test(text) && !LANGUAGE_NEUTRAL.test(text.trim());

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'console text goes through t() so that it can be translated' },
    schema: [],
    messages: {
      text: 'Console text "{{text}}" is not translated: wrap it in t(...) (lib/i18n/console).',
    },
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (isWords(node.value)) report(node, node.value);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : null;
        if (!name || !LABEL_ATTRIBUTES.has(name) || !node.value) return;
        const value = node.value;
        if (value.type === 'Literal' && typeof value.value === 'string' && isWords(value.value))
          report(value, value.value);
        if (value.type === 'JSXExpressionContainer') {
          const e = value.expression;
          if (e.type === 'Literal' && typeof e.value === 'string' && isWords(e.value)) report(e, e.value);
          if (e.type === 'TemplateLiteral' && e.quasis.some((q) => isWords(q.value.cooked ?? '')))
            report(e, 'template');
        }
      },
      // {'Some words'} and {`Some ${x} words`} as a child.
      'JSXExpressionContainer > Literal'(node) {
        if (node.parent.parent?.type === 'JSXAttribute') return;
        if (typeof node.value === 'string' && isWords(node.value)) report(node, node.value);
      },
      'JSXExpressionContainer > TemplateLiteral'(node) {
        if (node.parent.parent?.type === 'JSXAttribute') return;
        if (node.quasis.some((q) => isWords(q.value.cooked ?? ''))) report(node, 'template');
      },
    };
  },
};

export default rule;
