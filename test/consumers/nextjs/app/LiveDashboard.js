'use client';

// The client boundary: the provider and the Dashboard render on the server too (as an idle, empty
// dashboard), and the socket opens only in the browser, after hydration.
import { TakhinProvider } from 'takhin-react';
import { Dashboard } from 'takhin-react/components';

export function LiveDashboard({ url }) {
  return (
    <TakhinProvider url={url} dialect="takhin">
      <Dashboard title="Cluster" />
    </TakhinProvider>
  );
}
