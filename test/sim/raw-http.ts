import { connect } from 'node:net';

/** What came back for a raw request: the status code of the first response line, or 0 for none. */
export interface RawAnswer {
  status: number;
  text: string;
}

/**
 * Sends `request` byte for byte on a fresh TCP connection to 127.0.0.1:`port`, then half-closes it, and
 * resolves with what came back once the server has closed its side. A request line no HTTP client would
 * write needs this: `fetch` normalizes or refuses it.
 */
export function rawRequest(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // An accepted upgrade keeps the socket open: the status line is all the test needs.
      if (Buffer.concat(chunks).includes('\r\n\r\n') && /^HTTP\/1\.1 101 /.test(String(chunks[0]))) {
        socket.destroy();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
  });
}

/** The header block and body of a simple request. */
export function httpRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  const length = body === '' ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return `${method} ${target} HTTP/1.1\r\n${lines.join('')}${length}\r\n${body}`;
}

/** Headers of a WebSocket upgrade request. */
export const UPGRADE_HEADERS = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};
