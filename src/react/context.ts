import { createContext } from 'react';
import type { TakhinClient } from '../core/client.js';

/** The client of the nearest `TakhinProvider`, or null outside one. */
export const TakhinContext = createContext<TakhinClient | null>(null);
TakhinContext.displayName = 'TakhinContext';
