import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TakhinProvider, useConnectionStatus, useMetrics, useTopicEvents } from 'takhin-react';

function Summary() {
  const { status, reconnect } = useConnectionStatus();
  const produceRate = useMetrics((metrics) => metrics?.throughput.produceRate ?? null);
  const events = useTopicEvents();
  return (
    <section>
      <p>Connection: {status}</p>
      <p>Produce rate: {produceRate === null ? 'waiting' : produceRate.toFixed(1)}</p>
      <p>Topic events: {events.length}</p>
      <button onClick={reconnect}>Reconnect</button>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TakhinProvider url={`ws://${location.host}/api/monitoring/ws`}>
      <Summary />
    </TakhinProvider>
  </StrictMode>,
);
