import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import 'takhin-react/styles.css';
import { App } from './App.js';

const container = document.getElementById('root');
const report = { errors: [], hydrated: false };
window.__takhinHydration = report;
hydrateRoot(container, createElement(App, { url: container.dataset.url }), {
  onRecoverableError: (error) => report.errors.push(String(error)),
});
report.hydrated = true;
