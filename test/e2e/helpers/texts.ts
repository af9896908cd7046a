import type { Page } from 'playwright-core';

interface TextLog {
  values: Record<string, string[]>;
  observers: Record<string, MutationObserver>;
}

declare global {
  interface Window {
    __e2eTextLog?: TextLog;
  }
}

/**
 * Records, inside the page, every distinct text the first element matching `selector` shows from now
 * on, as the page renders it: no state is missed however slowly the test itself polls.
 */
export async function watchText(page: Page, name: string, selector: string): Promise<void> {
  await page.evaluate(
    ({ name, selector }) => {
      const log = (window.__e2eTextLog ??= { values: {}, observers: {} });
      const values: string[] = (log.values[name] = []);
      const read = () => {
        const text = document.querySelector(selector)?.textContent;
        if (text != null && text !== values[values.length - 1]) values.push(text);
      };
      read();
      log.observers[name]?.disconnect();
      log.observers[name] = new MutationObserver(read);
      log.observers[name].observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { name, selector },
  );
}

/** The distinct texts recorded so far by {@link watchText}, oldest first. */
export function textsSeen(page: Page, name: string): Promise<string[]> {
  return page.evaluate((name) => [...(window.__e2eTextLog?.values[name] ?? [])], name);
}

/** Stops a {@link watchText} recording. */
export async function stopWatching(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => window.__e2eTextLog?.observers[name]?.disconnect(), name);
}
