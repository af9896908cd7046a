import { MAX_CLIENT_MESSAGE_BYTES } from '../core/protocol.js';
import type { WebSocketFactory } from '../core/socket.js';
import type { ClusterModel } from './cluster.js';
import { SimulatorCore } from './core.js';
import type { SimLink } from './core.js';
import { SimulatedSocket } from './fake-socket.js';
import type { SocketServerSide } from './fake-socket.js';
import { FrameBatcher, utf8Length } from './frames.js';
import type { SimulationOptions, SimulatorControls } from './types.js';

export { SimulatedSocket } from './fake-socket.js';
export { ClusterModel, createCluster } from './cluster.js';
export { metricsFor } from './metrics.js';
export type {
  ClusterEvent,
  ClusterOptions,
  ClusterTotals,
  TopicChangeOptions,
  TruthSnapshot,
} from './cluster.js';
export { truthRates } from './truth.js';
export type { TruthRates } from './truth.js';
export type { ClusterShape, ClusterSize, Scenario } from './presets.js';
export type { SimulationOptions, SimulatorControls } from './types.js';

/** Options of {@link createSimulatedSocketFactory}: those of every simulated server, and the handshake's delay. */
export interface SimulatedSocketOptions extends SimulationOptions {
  /** Real ms before a new socket opens (or fails). @default 5 */
  openDelayMs?: number;
}

/**
 * The faults and cluster controls shared by every socket of one factory: the same as the Node server's
 * (see `Simulator`), and the socket counters.
 */
export interface SimulatedSocketControl extends SimulatorControls {
  /** Open sockets now. */
  readonly sockets: number;
  /** Sockets created since the factory was made. */
  readonly totalSockets: number;
  /** True while crashed. */
  readonly down: boolean;
  /** Closes every socket (1001) and stops every timer. */
  dispose(): void;
}

/** A {@link WebSocketFactory} whose sockets talk to an in-memory simulated Takhin server. */
export type SimulatedSocketFactory = WebSocketFactory & {
  model: ClusterModel;
  control: SimulatedSocketControl;
};

/**
 * A WebSocket factory for browsers, Storybook and tests: no server, no Node APIs. Every socket it makes
 * behaves like one connected to a Takhin server — metrics every interval, events, pong, `\n`-joined
 * frames — driven by one shared {@link ClusterModel} and real timers.
 */
export function createSimulatedSocketFactory(options: SimulatedSocketOptions = {}): SimulatedSocketFactory {
  const sim = new InMemorySimulator(options);
  const factory: WebSocketFactory = (url: string) => sim.open(url);
  return Object.assign(factory, { model: sim.model, control: sim as SimulatedSocketControl });
}

/** One open in-memory socket as the simulator core sees it; lines of one turn leave as one frame. */
class SocketLink implements SimLink {
  readonly subscriptions = new Set<string>();
  /** The in-memory socket never backs up. */
  readonly full = false;
  private readonly batch: FrameBatcher;

  constructor(
    readonly socket: SimulatedSocket,
    onFrame: (connection: number, frame: string) => void,
  ) {
    this.batch = new FrameBatcher(
      (flush) => setTimeout(flush, 0),
      (frame) => {
        if (socket.readyState !== SimulatedSocket.OPEN) return;
        socket.serverFrame(frame);
        onFrame(socket.id, frame);
      },
    );
  }

  get id(): number {
    return this.socket.id;
  }

  push(line: string): boolean {
    if (this.socket.readyState !== SimulatedSocket.OPEN) return false;
    this.batch.add(line);
    return true;
  }

  injectMalformed(count: number): void {
    this.batch.owe(count);
  }

  close(code: number): void {
    this.socket.serverClose(code);
  }
}

/** The simulator core behind in-memory sockets: the handshake, the 512 KiB limit, and nothing else. */
class InMemorySimulator extends SimulatorCore implements SimulatedSocketControl {
  private readonly opening = new Map<SimulatedSocket, ReturnType<typeof setTimeout>>();
  private readonly openDelayMs: number;
  private readonly serverSide: SocketServerSide = {
    receive: (socket, data) => this.receiveFrom(socket, data),
    closed: (socket, code) => this.detach(socket.id, code),
  };

  constructor(options: SimulatedSocketOptions) {
    super(options, false);
    this.openDelayMs = options.openDelayMs ?? 5;
    this.up = true;
  }

  get sockets(): number {
    return this.connections;
  }

  get totalSockets(): number {
    return this.totalConnections;
  }

  get down(): boolean {
    return !this.up;
  }

  /** A new socket; it opens (or fails, while crashed) after `openDelayMs`. */
  open(url: string): SimulatedSocket {
    const socket = new SimulatedSocket(url, ++this.totalConnections, this.serverSide);
    const timer = setTimeout(() => {
      this.opening.delete(socket);
      this.handshake(socket);
    }, this.openDelayMs);
    this.opening.set(socket, timer);
    return socket;
  }

  dispose(): void {
    for (const [socket, timer] of this.opening) {
      clearTimeout(timer);
      socket.serverFail();
    }
    this.opening.clear();
    this.shutdown(1001);
  }

  protected stopAccepting(): void {}

  protected startAccepting(): void {}

  protected yieldToIo(): Promise<void> {
    // Sockets here write when their frame's timer fires; a burst still leaves as one frame.
    return Promise.resolve();
  }

  private handshake(socket: SimulatedSocket): void {
    // The page may have closed it while it was connecting.
    if (socket.readyState !== SimulatedSocket.CONNECTING) return;
    if (!this.up || this.closed) return socket.serverFail();
    this.attach(new SocketLink(socket, (id, frame) => this.frameSent(id, frame)), socket.url);
    socket.serverOpen();
  }

  private receiveFrom(socket: SimulatedSocket, data: string): void {
    const link = this.links.get(socket.id);
    if (!link) return;
    if (utf8Length(data) > MAX_CLIENT_MESSAGE_BYTES) {
      this.drop(socket.id, 'too-large', data);
      socket.serverClose(1009, 'message too big');
      return;
    }
    this.receive(link, data);
  }
}
