/**
 * The lag alert evaluator as the chunk `useLagAlerts` loads on first use: most apps never evaluate
 * alerts, so the main entry does not carry it. A module of its own, so that the chunk holds only this.
 */
export { evaluateLagAlerts } from '../core/lagAlerts.js';
