import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyReply } from 'fastify';
import { clearSiteCookie, setSiteCookie } from './cookies.js';

/** A bare app with the cookie plugin; inject() answers in memory, with no socket. */
async function appSetting(set: (reply: FastifyReply) => unknown) {
  const app = Fastify();
  await app.register(cookie);
  app.get('/', async (request, reply) => {
    set(reply);
    return { seen: request.cookies };
  });
  return app;
}

const attributesOf = (header: string) => {
  const [pair, ...attributes] = header.split('; ');
  return { pair, attributes: attributes.sort() };
};

describe('the cookies Ytring sets', () => {
  it('are HttpOnly, SameSite=Lax and site-wide, Secure only on an https site', async () => {
    for (const secure of [false, true]) {
      const app = await appSetting((reply) => setSiteCookie(reply, 'ytring_test', 'a b;c', 600, secure));
      const response = await app.inject({ url: '/' });
      const { pair, attributes } = attributesOf(String(response.headers['set-cookie']));
      assert.equal(pair, 'ytring_test=a%20b%3Bc', 'the value is percent-encoded');
      assert.deepEqual(attributes, ['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', ...(secure ? ['Secure'] : [])]);
      await app.close();
    }
  });

  it('are cleared with the same attributes, empty and already expired', async () => {
    const app = await appSetting((reply) => clearSiteCookie(reply, 'ytring_test', true));
    const response = await app.inject({ url: '/' });
    const { pair, attributes } = attributesOf(String(response.headers['set-cookie']));
    assert.equal(pair, 'ytring_test=');
    assert.deepEqual(attributes, ['Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'HttpOnly', 'Max-Age=0', 'Path=/', 'SameSite=Lax', 'Secure']);
    await app.close();
  });

  it('come back decoded, and one that is not valid percent-encoding comes back as sent', async () => {
    const app = await appSetting(() => undefined);
    const response = await app.inject({ url: '/', headers: { cookie: 'ytring_test=a%20b%3Bc; ytring_bad=%E0%A4' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { seen: { ytring_test: 'a b;c', ytring_bad: '%E0%A4' } });
    await app.close();
  });

  it('send two cookies set in one answer as two headers', async () => {
    const app = await appSetting((reply) => {
      setSiteCookie(reply, 'ytring_one', '1', 60, false);
      setSiteCookie(reply, 'ytring_two', '2', 60, false);
    });
    const response = await app.inject({ url: '/' });
    const headers = [response.headers['set-cookie']].flat().map((header) => String(header).split('; ')[0]);
    assert.deepEqual(headers, ['ytring_one=1', 'ytring_two=2']);
    await app.close();
  });
});
