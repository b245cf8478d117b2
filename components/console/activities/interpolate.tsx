// A translated sentence with elements in it: the message keeps `{name}` for each element (the
// translator leaves placeholders it is not given), and this puts the elements in their places,
// so each language orders the sentence its own way.
import { Fragment, type ReactNode } from 'react';

export function withElements(text: string, elements: Record<string, ReactNode>): ReactNode {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{name !== undefined && name in elements ? elements[name] : part}</Fragment>;
  });
}
