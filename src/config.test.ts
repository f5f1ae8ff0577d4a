import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, parseFlags } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data and port 3000', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.deepEqual(config.database, { dialect: 'sqlite', url: 'sqlite:./data/ytring.db', filename: './data/ytring.db' });
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(config));
  });

  it('takes METRICS_TOKEN from the environment or --metrics-token, and refuses a short one', () => {
    assert.equal(loadConfig({}).metricsToken, undefined);
    assert.equal(loadConfig({ METRICS_TOKEN: 'a-long-enough-token' }).metricsToken, 'a-long-enough-token');
    assert.equal(loadConfig({}, parseFlags(['--metrics-token', 'another-long-token']).values).metricsToken, 'another-long-token');
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), ConfigError);
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'sixteen chars with spaces' }), ConfigError);
  });

  it('gives searches 300 ms of each second unless SEARCH_MS_PER_SECOND says otherwise (0: no limit)', () => {
    assert.equal(loadConfig({}).searchMsPerSecond, 300);
    assert.equal(loadConfig({ SEARCH_MS_PER_SECOND: '0' }).searchMsPerSecond, 0);
    assert.equal(loadConfig({}, parseFlags(['--search-ms-per-second', '2000']).values).searchMsPerSecond, 2000);
    for (const wrong of ['60001', '-1', '2.5', 'half'])
      assert.throws(() => loadConfig({ SEARCH_MS_PER_SECOND: wrong }), /SEARCH_MS_PER_SECOND must be/);
  });

  it('picks PostgreSQL from a postgres:// URL', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/ytring' }).database.dialect, 'postgres');
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', YTRING_SECRET: 'short' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        return true;
      },
    );
  });

  it('lets flags override the environment', () => {
    const { values, demo } = parseFlags(['--port', '4000', '--database-url=sqlite:/tmp/x.db', '--no-demo']);
    const config = loadConfig({ PORT: '5000' }, values, demo);
    assert.equal(config.port, 4000);
    assert.equal(config.database.url, 'sqlite:/tmp/x.db');
    assert.equal(config.demo, false);
  });

  it('keeps unknown arguments for the caller to reject', () => {
    assert.deepEqual(parseFlags(['--colour', 'blue']).rest, ['--colour', 'blue']);
  });
});
