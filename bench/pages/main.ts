/**
 * The one HTML entry of the bench pages: it installs the probe before anything else, then loads the
 * page that `?page=` names and mounts the element tree it exports.
 */
// The probe wraps WebSocket and requestAnimationFrame, so it is evaluated before any page code.
import './shared/probe.js';
import { mountPage } from './shared/mountPage.js';

const PAGES = {
  takhin: () => import('./takhin/main.js'),
  'takhin-parts': () => import('./takhin-parts/main.js'),
  seed: () => import('./seed/main.js'),
  ruw: () => import('./ruw/main.js'),
  floor: () => import('./floor/main.js'),
};

const name = new URLSearchParams(location.search).get('page') ?? '';
if (!Object.hasOwn(PAGES, name)) throw new Error(`No bench page named "${name}".`);
document.title = `bench: ${name}`;
const { page } = await PAGES[name as keyof typeof PAGES]();
mountPage(page);
