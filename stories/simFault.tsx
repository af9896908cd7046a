import { createContext, useContext, useEffect } from 'react';
import type { SimulatedSocketControl } from '../src/sim/browser.js';

/** The faults the Storybook toolbar can inflict on the simulated server of the story on screen. */
export const SIM_FAULTS = {
  none: { title: 'No fault', apply: () => {} },
  crash: { title: 'Crash for 10 s', apply: (c: SimulatedSocketControl) => void c.crash(10_000) },
  stall: {
    title: 'Stall for 10 s (socket open, silent)',
    apply: (c: SimulatedSocketControl) => c.stall(10_000),
  },
  malformed: { title: 'Send 5 malformed lines', apply: (c: SimulatedSocketControl) => c.injectMalformed(5) },
  burst: { title: 'Burst of 500 topic events', apply: (c: SimulatedSocketControl) => void c.burst(500) },
  oversized: {
    title: 'One oversized metrics message',
    apply: (c: SimulatedSocketControl) => void c.sendOversized(),
  },
  drop: {
    title: 'Drop slow clients (close 1005)',
    apply: (c: SimulatedSocketControl) => void c.dropSlowClients(),
  },
} as const;

export type SimFault = keyof typeof SIM_FAULTS;

/** The fault chosen in the toolbar; a decorator provides it. */
export const SimFaultContext = createContext<SimFault>('none');

/** Applies the toolbar's fault to `control` each time another one is chosen (choose "No fault" to repeat one). */
export function useToolbarFault(control: SimulatedSocketControl): void {
  const fault = useContext(SimFaultContext);
  useEffect(() => {
    (SIM_FAULTS[fault] ?? SIM_FAULTS.none).apply(control);
  }, [fault, control]);
}
