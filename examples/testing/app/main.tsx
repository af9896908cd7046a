import { createRoot } from 'react-dom/client';
import { TakhinProvider } from 'takhin-react';
import { TopicCount } from '../TopicCount.js';

// The test passes the simulator's address; a real app would configure its own.
const url = new URLSearchParams(location.search).get('ws') ?? 'ws://localhost:8080/api/monitoring/ws';

createRoot(document.getElementById('root')!).render(
  <TakhinProvider url={url}>
    <TopicCount />
  </TakhinProvider>,
);
