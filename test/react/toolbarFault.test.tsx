import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import { SimFaultContext, useToolbarFault, type SimFault } from '../../stories/simFault.js';

// Storybook's "Simulator fault" toolbar reaches the simulated server of the story on screen.

function Target({ control }: { control: ReturnType<typeof createSimulatedSocketFactory>['control'] }) {
  useToolbarFault(control);
  return null;
}

describe('the Storybook simulator-fault toolbar', () => {
  it('applies each newly chosen fault once to the story’s simulated server', () => {
    const factory = createSimulatedSocketFactory({ intervalMs: 60_000 });
    const crash = vi.spyOn(factory.control, 'crash');
    const stall = vi.spyOn(factory.control, 'stall');
    const tree = (fault: SimFault) => (
      <SimFaultContext.Provider value={fault}>
        <Target control={factory.control} />
      </SimFaultContext.Provider>
    );
    try {
      const view = render(tree('none'));
      expect(crash).not.toHaveBeenCalled();
      view.rerender(tree('crash'));
      view.rerender(tree('crash'));
      expect(crash).toHaveBeenCalledTimes(1);
      expect(crash).toHaveBeenCalledWith(10_000);
      view.rerender(tree('stall'));
      expect(stall).toHaveBeenCalledWith(10_000);
      view.unmount();
    } finally {
      factory.control.dispose();
    }
  });
});
