import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { TakhinProvider } from 'takhin-react';
import 'takhin-react/styles.css';

// The Dashboard and recharts load in a chunk of their own, after the page's first paint: without this
// the whole app is one chunk of over 500 kB.
const Dashboard = lazy(() =>
  import('takhin-react/components').then((module) => ({ default: module.Dashboard })),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TakhinProvider url={`ws://${location.host}/api/monitoring/ws`}>
      <Suspense fallback={<p>Loading the dashboard…</p>}>
        <Dashboard title="Cluster" theme="dark" />
      </Suspense>
    </TakhinProvider>
  </StrictMode>,
);
