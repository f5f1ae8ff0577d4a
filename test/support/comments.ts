/** Reads a post page's comment form the way a person does, and answers its question. */
import type { TestServer } from './server.js';

export interface FormOnPage {
  token: string;
  answer: string;
  html: string;
}

export function answerOf(html: string): string {
  const match = /(?:Hvad er|What is) (\d+) (plus|minus) (\d+)\?/.exec(html);
  if (!match) throw new Error('No arithmetic question on the page');
  const [a, op, b] = [Number(match[1]), match[2], Number(match[3])];
  return String(op === 'plus' ? a + b : a - b);
}

export async function readForm(server: TestServer, postPath: string, headers: Record<string, string> = {}): Promise<FormOnPage> {
  const html = await (await server.get(postPath, { headers })).text();
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`No question token on ${postPath}`);
  return { token, answer: answerOf(html), html };
}

export interface CommentFields {
  name?: string;
  email?: string;
  body?: string;
  parent?: string;
  notify?: boolean;
  website?: string;
  token?: string;
  answer?: string;
}

/** Posts the form as a browser would (urlencoded), answering the question unless told otherwise. */
export async function postComment(
  server: TestServer,
  postPath: string,
  fields: CommentFields = {},
  init: { headers?: Record<string, string> } = {},
): Promise<Response> {
  const form = fields.token === undefined ? await readForm(server, postPath) : undefined;
  const body = new URLSearchParams({
    name: fields.name ?? 'Karen Kommentator',
    email: fields.email ?? 'karen@debat.example',
    body: fields.body ?? `En saglig kommentar ${Math.random()}`,
    parent: fields.parent ?? '',
    token: fields.token ?? form!.token,
    answer: fields.answer ?? form!.answer,
    website: fields.website ?? '',
    ...(fields.notify ? { notify: '1' } : {}),
  });
  return server.get(`${postPath}/comments`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
  });
}

/**
 * Presses the button of the newest confirmation link in the outbox for `email` (a comment sent
 * with notify) and returns the cookie by which that browser has proved the address, for the first-time policy.
 */
export async function proveAddress(server: TestServer, email: string): Promise<string> {
  const mail = await server.db
    .selectFrom('outbox')
    .select('text_body')
    .where('to_address', '=', email)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const token = /\/comments\/subscriptions\/confirm\?token=(\S+)/.exec(mail?.text_body ?? '')?.[1];
  if (!token) throw new Error(`No confirmation mail to ${email}`);
  const response = await server.get('/comments/subscriptions/confirm', {
    method: 'POST',
    body: new URLSearchParams({ token: decodeURIComponent(token) }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`Confirming ${email} answered ${response.status} without a cookie`);
  return cookie;
}
