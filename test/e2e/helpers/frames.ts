import type { Page } from 'playwright-core';

interface FrameLog {
  /** Text of every WebSocket message the page received, in order. */
  frames: string[];
  /** `frames.length` at the moment a watched element appeared, by watch name. */
  marks: Record<string, number>;
}

declare global {
  interface Window {
    __e2eFrameLog?: FrameLog;
  }
}

/**
 * Records, inside the page, every WebSocket message as the page receives it. Must run before the page
 * loads (it wraps the `WebSocket` constructor the app will use); the app's own handlers are untouched.
 */
export async function recordFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: FrameLog = { frames: [], marks: {} };
    window.__e2eFrameLog = log;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => log.frames.push(String(event.data)));
      }
    };
  });
}

/**
 * Watches the page for the first element matching `selector` whose text is `text`, and notes how many
 * frames had been received when it appeared (a MutationObserver runs right after the DOM change).
 */
export async function markWhenShown(page: Page, mark: string, selector: string, text: string): Promise<void> {
  await page.evaluate(
    ({ mark, selector, text }) => {
      const log = window.__e2eFrameLog!;
      const shown = () => [...document.querySelectorAll(selector)].some((el) => el.textContent === text);
      if (shown()) {
        log.marks[mark] = log.frames.length;
        return;
      }
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        log.marks[mark] = log.frames.length;
        observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { mark, selector, text },
  );
}

/** The lines of the frames received before `mark` was set, parsed; undefined while the mark is unset. */
export async function linesBefore(
  page: Page,
  mark: string,
): Promise<Array<{ type?: string; data?: unknown }> | undefined> {
  const { frames, at } = await page.evaluate((mark) => {
    const log = window.__e2eFrameLog!;
    const at = log.marks[mark];
    return { frames: at === undefined ? [] : log.frames.slice(0, at), at };
  }, mark);
  if (at === undefined) return undefined;
  return frames
    .flatMap((frame) => frame.split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as { type?: string; data?: unknown };
      } catch {
        return {};
      }
    });
}
