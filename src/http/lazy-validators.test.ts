import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AjvCompiler } from '@fastify/ajv-compiler';
import { serverWithAdmin } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';

// The server compiles route schemas without checking them against JSON Schema's meta-schema (a
// start's first request paid for compiling it); this checks each one as Ajv would have.
for (const dialect of DIALECTS)
  describe(`route schemas (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    it('are every one valid JSON Schema, as Ajv checks with its default options', () => {
      const compile = AjvCompiler()({}, { customOptions: {}, plugins: [] } as unknown as Parameters<ReturnType<typeof AjvCompiler>>[1]);
      const parts = ['body', 'querystring', 'params', 'headers'] as const;
      let checked = 0;
      for (const route of site.server.app.server.routeTable) {
        for (const httpPart of parts) {
          const schema = route.schema?.[httpPart];
          if (!schema) continue;
          assert.doesNotThrow(
            () => compile({ schema, method: route.method, url: route.url, httpPart }),
            `${route.method} ${route.url} ${httpPart}`,
          );
          checked++;
        }
      }
      assert.ok(checked > 50, `checked ${checked} schemas`);
    });

    it('refuses a schema that is not JSON Schema', () => {
      const compile = AjvCompiler()({}, { customOptions: {}, plugins: [] } as unknown as Parameters<ReturnType<typeof AjvCompiler>>[1]);
      assert.throws(() => compile({ schema: { type: 'strnig' }, method: 'GET', url: '/x', httpPart: 'querystring' }));
    });
  });
