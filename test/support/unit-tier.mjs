// Loaded with `--import` into every file of `npm run test:unit` (scripts/test.mjs). A unit test
// must run without a database, a server or the network, so that tier stays fast and honest:
// anything that opens SQLite, connects a socket or listens fails the test that did it and says why.
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const HOW =
  'a unit test needs no database, server or network; a test that does imports test/support/db.ts (DIALECTS) or test/support/server.ts, which makes scripts/test.mjs run it as an integration test';

const refuse = (what) =>
  function refused() {
    throw new Error(`unit tier: ${what}. ${HOW}`);
  };

// The ESM import of better-sqlite3 shares this object, so its prototype is where a database gets used.
const SQLite = require('better-sqlite3');
for (const method of ['prepare', 'pragma', 'exec', 'backup', 'serialize'])
  SQLite.prototype[method] = refuse('this test used a SQLite database');
// PostgreSQL, fetch and SMTP all go through a socket's connect.
net.Socket.prototype.connect = refuse('this test opened a network connection');
net.Server.prototype.listen = refuse('this test started a server');
