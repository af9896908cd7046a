import { afterEach, describe, expect, it, vi } from 'vitest';
import { childEnv, unexpectedFiles } from '../../scripts/pack-check.js';

describe('unexpectedFiles', () => {
  it('allows dist/ and the four package files only', () => {
    expect(
      unexpectedFiles([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/index.js',
        'dist/components/index.d.ts',
        'src/index.ts',
        'test/core/parse.test.ts',
        'distribution.txt',
        'docs/README.md',
      ]),
    ).toEqual(['src/index.ts', 'test/core/parse.test.ts', 'distribution.txt', 'docs/README.md']);
  });
});

describe('childEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('drops what a parent npm or vitest run set, and keeps the user’s npm settings', () => {
    const variables = {
      npm_config_local_prefix: '/somewhere/else',
      npm_lifecycle_event: 'test',
      npm_config_cache: '/cache',
      npm_config_registry: 'https://registry.example/',
      VITEST_POOL_ID: '1',
      NODE_ENV: 'test',
      TAKHIN_KEEP_ME: 'yes',
    };
    for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
    const env = childEnv({ NODE_ENV: 'development' });
    expect(env.npm_config_local_prefix).toBeUndefined();
    expect(env.npm_lifecycle_event).toBeUndefined();
    expect(env.VITEST_POOL_ID).toBeUndefined();
    expect(env.npm_config_cache).toBe('/cache');
    expect(env.npm_config_registry).toBe('https://registry.example/');
    expect(env.TAKHIN_KEEP_ME).toBe('yes');
    expect(env.NODE_ENV).toBe('development');
  });
});
