/**
 * takhin-react/devtools: Redux DevTools for the store, kept out of the main entry so that no app ships
 * it unless it imports it (or sets `devtools` on `TakhinProvider`, which loads this on demand).
 */
export { connectDevtools, type DevtoolsOptions } from './connectDevtools.js';
export { actionName } from './actionName.js';
