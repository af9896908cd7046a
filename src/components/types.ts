import type { HTMLAttributes } from 'react';

/** A colour scheme forced on a component; without one it follows the nearest `data-theme` or the OS. */
export type TakhinTheme = 'light' | 'dark';

/** What a component shows, exposed as `data-state` for styling and tests. */
export type ViewState = 'live' | 'paused' | 'loading' | 'empty' | 'error';

/** Props every component accepts on its root element, on top of its own. */
export interface RootProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /**
   * Forces light or dark colours (sets `data-theme` on the root).
   * @default undefined — follows an ancestor's `data-theme`, else `prefers-color-scheme`
   */
  theme?: TakhinTheme;
}
