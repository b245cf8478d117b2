// A translated sentence with elements in it ("goes to <b>{email}</b>, valid for 30 minutes"): the
// whole sentence is one message, so each language puts the elements where its word order wants
// them. Give it `t('…')` without vars (the placeholders stay) and every value, strings too: a value
// is put in as it is, never searched for placeholders itself.
import { Fragment, type ReactNode } from 'react';

export function richText(text: string, parts: Record<string, ReactNode>): ReactNode {
  return text
    .split(/\{(\w+)\}/)
    .map((piece, i) =>
      i % 2 === 0 ? piece : <Fragment key={i}>{piece in parts ? parts[piece] : `{${piece}}`}</Fragment>,
    );
}
