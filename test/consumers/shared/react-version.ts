import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { inject } from 'vitest';

// Stops the run at once if the tests would not really run on the React the consumer folder installs.
const expected = inject('expectedReact');
if (version !== expected || domVersion !== expected) {
  throw new Error(`expected React ${expected}, but react is ${version} and react-dom is ${domVersion}`);
}
