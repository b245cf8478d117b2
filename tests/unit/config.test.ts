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
});
