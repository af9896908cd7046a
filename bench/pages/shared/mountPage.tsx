import { Profiler, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { probe } from './probe.js';

/** Renders a bench page into #root inside the `app` Profiler, which counts the page's React commits. */
export function mountPage(app: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <Profiler id="app" onRender={probe.onRender}>
      {app}
    </Profiler>,
  );
}
