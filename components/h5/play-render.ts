// The play page on the server: the same components as in the browser (play-entry.ts), rendered
// to HTML by Preact, so hydration finds exactly the markup it would have made.
import { h, type FunctionComponent } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PlayApp, type PlayAppProps } from './play-app';

export function renderPlayApp(props: PlayAppProps): string {
  return renderToString(h(PlayApp as unknown as FunctionComponent<PlayAppProps>, props));
}
