import type { Decorator, Preview } from '@storybook/react-vite';
import '../src/components/styles.css';
import { SIM_FAULTS, SimFaultContext, type SimFault } from '../stories/simFault.js';

/** Puts every story on a themed page: `data-theme` on a wrapper, which the components follow. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div
      className="takhin"
      data-theme={theme}
      style={{ background: 'var(--takhin-bg)', padding: 16, minHeight: '100vh' }}
    >
      <SimFaultContext.Provider value={(context.globals.simFault as SimFault | undefined) ?? 'none'}>
        <Story />
      </SimFaultContext.Provider>
    </div>
  );
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the components',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    simFault: {
      description: 'A fault of the simulated server, for stories that talk to it',
      toolbar: {
        title: 'Simulator fault',
        icon: 'lightning',
        items: Object.entries(SIM_FAULTS).map(([value, { title }]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', simFault: 'none' },
  parameters: {
    layout: 'fullscreen',
    options: { storySort: { order: ['Introduction', 'Hooks', 'Components'] } },
    controls: { matchers: { color: /(background|color)$/i } },
    // Every axe violation fails the story's test (Storybook's Vitest run), not just a panel entry.
    a11y: { test: 'error' },
  },
};

export default preview;
