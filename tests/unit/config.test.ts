import { afterEach, describe, expect, it } from 'vitest';
import { config, ConfigError, resetConfigForTests } from '@/lib/config';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

describe('config', () => {
  it('has local defaults for everything', () => {
    delete process.env.PORT;
    resetConfigForTests();
    expect(config().PORT).toBe(3000);
    expect(config().DATABASE_POOL_SIZE).toBe(10);
  });

  it('stops with one line naming the bad variable', () => {
    process.env.DATABASE_POOL_SIZE = 'lots';
    resetConfigForTests();
    expect(() => config()).toThrow(ConfigError);
    expect(() => config()).toThrow(/^configuration error: DATABASE_POOL_SIZE: /);
    process.env.DATABASE_POOL_SIZE = '5';
    process.env.REDIS_URL = 'not a url';
    resetConfigForTests();
    expect(() => config()).toThrow(/REDIS_URL/);
  });

  it('refuses the development AUTH_SECRET in production, in one line', () => {
    Object.assign(process.env, { NODE_ENV: 'production' });
    delete process.env.AUTH_SECRET;
    delete process.env.NEXT_PHASE;
    resetConfigForTests();
    expect(() => config()).toThrow(/^configuration error: AUTH_SECRET: the built-in development secret .* production/);
    expect(() => config()).not.toThrow(/\n/);
    process.env.AUTH_SECRET = 'a-random-production-secret-0123456789abcdef';
    resetConfigForTests();
    expect(config().AUTH_SECRET).toBe('a-random-production-secret-0123456789abcdef');
  });

  it('lets `next build` (production, signing nothing) collect pages with the development secret', () => {
    Object.assign(process.env, { NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' });
    delete process.env.AUTH_SECRET;
    resetConfigForTests();
    expect(config().NODE_ENV).toBe('production');
  });

  it('trusts no proxy unless told, and a bounded number', () => {
    delete process.env.TRUSTED_PROXY_COUNT;
    resetConfigForTests();
    expect(config().TRUSTED_PROXY_COUNT).toBe(0);
    process.env.TRUSTED_PROXY_COUNT = '2';
    resetConfigForTests();
    expect(config().TRUSTED_PROXY_COUNT).toBe(2);
    for (const bad of ['-1', '1.5', 'all', '11']) {
      process.env.TRUSTED_PROXY_COUNT = bad;
      resetConfigForTests();
      expect(() => config()).toThrow(/^configuration error: TRUSTED_PROXY_COUNT: /);
    }
  });
});
