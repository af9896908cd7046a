import { createElement } from 'react';
import { TakhinProvider } from 'takhin-react';
import { Dashboard } from 'takhin-react/components';

/** The same tree on the server and in the browser; plain `createElement`, so Node runs it as is. */
export function App({ url }) {
  return createElement(
    TakhinProvider,
    { url },
    createElement(Dashboard, { title: 'Server-rendered cluster' }),
  );
}
