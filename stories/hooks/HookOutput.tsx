import { useEffect, useRef } from 'react';

/**
 * A ref for the element that shows how many times the calling component has rendered. Counted in an
 * effect and written straight to the DOM: showing the count through state would itself re-render.
 */
export function useRenderCount() {
  const element = useRef<HTMLOutputElement>(null);
  const renders = useRef(0);
  useEffect(() => {
    renders.current += 1;
    if (element.current) element.current.textContent = String(renders.current);
  });
  return element;
}

/** At most this many lines of a returned value are shown: `useMetrics()` alone is hundreds. */
const MAX_LINES = 40;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const lines = (JSON.stringify(value, null, 2) ?? String(value)).split('\n');
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`].join('\n')
    : lines.join('\n');
}

export interface HookOutputProps {
  /** The call as a user would write it. */
  call: string;
  value: unknown;
  renders: React.RefObject<HTMLOutputElement | null>;
  children?: React.ReactNode;
}

/** The call, the value it returned on the latest render, and the render count of its component. */
export function HookOutput({ call, value, renders, children }: HookOutputProps) {
  return (
    <section
      style={{ font: '14px system-ui', color: 'var(--takhin-fg)', display: 'grid', gap: 8, maxWidth: 720 }}
    >
      <code style={{ fontWeight: 600 }}>{call}</code>
      <p style={{ margin: 0 }}>
        Renders: <output ref={renders} data-testid="renders" aria-label="render count" />
      </p>
      {children}
      <pre
        // Scrollable, so it must be reachable from the keyboard.
        tabIndex={0}
        aria-label="returned value"
        data-testid="value"
        style={{
          margin: 0,
          padding: 12,
          maxHeight: 360,
          overflow: 'auto',
          background: 'var(--takhin-surface)',
          border: '1px solid var(--takhin-border)',
          borderRadius: 6,
        }}
      >
        {describe(value)}
      </pre>
    </section>
  );
}
