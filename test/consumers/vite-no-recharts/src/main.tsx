// The first-hour mistake: `npm install takhin-react react react-dom`, then the components entry,
// without ever installing recharts.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TakhinProvider } from 'takhin-react';
import { Dashboard } from 'takhin-react/components';
import 'takhin-react/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TakhinProvider url={`ws://${location.host}/api/monitoring/ws`}>
      <Dashboard title="Cluster" />
    </TakhinProvider>
  </StrictMode>,
);
