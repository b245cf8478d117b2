// A translated sentence with elements in it ("goes to <b>{email}</b>, valid for 30 minutes"): the
// whole sentence is one message, so each language puts the elements where its word order wants
// them. `t(...)` leaves the placeholders it has no string for; this fills them with the elements.
import { Fragment, type ReactNode } from 'react';

export function richText(text: string, parts: Record<string, ReactNode>): ReactNode {
  return text
    .split(/\{(\w+)\}/)
    .map((piece, i) => (i % 2 === 0 ? piece : <Fragment key={i}>{piece in parts ? parts[piece] : `{${piece}}`}</Fragment>));
}
