// The H5 pages on the server: the same components as in the browser (play-entry.ts), rendered
// to HTML by Preact, so hydration finds exactly the markup it would have made. The rules page
// has no script: its markup is all there is.
import { h, type FunctionComponent } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PlayAppProps, RulesViewProps } from '@/lib/h5/page-props';
import { PlayApp } from './play-app';
import { RulesView } from './rules-view';

export function renderPlayApp(props: PlayAppProps): string {
  return renderToString(h(PlayApp as unknown as FunctionComponent<PlayAppProps>, props));
}

export function renderRules(props: RulesViewProps): string {
  return renderToString(h(RulesView as unknown as FunctionComponent<RulesViewProps>, props));
}
