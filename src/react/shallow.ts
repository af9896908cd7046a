/**
 * Equality for selectors that build an object or an array: equal when both hold the same keys (or items,
 * or entries of a Map or Set) with `Object.is`-equal values, one level deep. Use it as the second
 * argument of `useMetrics`, `useMetricsHistory` or `useTakhinStore`. zustand's own, re-exported so that
 * an app needs no direct zustand dependency to use it.
 */
export { shallow } from 'zustand/vanilla/shallow';
