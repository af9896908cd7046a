import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'takhin-react/styles.css';
import './demo.css';
import { App } from './App.js';
import { loadPageConfig } from './config.js';

const root = document.getElementById('root');
if (!root) throw new Error('demo: #root is missing from index.html');
const config = await loadPageConfig();
createRoot(root).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
