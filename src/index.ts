/**
 * takhin-react: hooks and a framework-free client for Takhin's real-time monitoring WebSocket.
 * This entry never imports recharts or react-dom; components live in `takhin-react/components`.
 */
export * from './core/index.js';
export * from './react/index.js';
