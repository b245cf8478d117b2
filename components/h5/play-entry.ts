// The play page in the browser: Preact (through preact/compat, so the components read as React)
// takes over the markup the server rendered with the same components (play-render.ts). Built by
// scripts/build-h5.ts; the page is light because it carries neither React nor Next's router.
import { h, hydrate, type FunctionComponent } from 'preact';
import type { PlayAppProps } from '@/lib/h5/page-props';
import { PlayApp } from './play-app';

const props = JSON.parse(document.getElementById('play-props')!.textContent!) as PlayAppProps;
hydrate(h(PlayApp as unknown as FunctionComponent<PlayAppProps>, props), document.getElementById('play-root')!);
