'use client';
import type { ReactNode } from 'react';

/** The one-line explanation shown in place of data while loading, empty, failed or not measured. */
export function StateMessage({
  kind,
  children,
}: {
  kind: 'loading' | 'empty' | 'error' | 'not-measured' | 'pending';
  children: ReactNode;
}) {
  return (
    <p className="takhin-message" data-kind={kind} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** Shown by every data view before the first metrics message arrives. */
export const WAITING_FOR_METRICS = 'Waiting for the first metrics…';
