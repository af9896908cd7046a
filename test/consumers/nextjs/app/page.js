// A server component: it reads the URL on the server at request time and renders the client boundary.
import { LiveDashboard } from './LiveDashboard.js';

export const dynamic = 'force-dynamic';

export default function Page() {
  const url = process.env.TAKHIN_URL ?? 'ws://127.0.0.1:8080/api/monitoring/ws';
  return (
    <main>
      <h1>Monitoring</h1>
      <LiveDashboard url={url} />
    </main>
  );
}
