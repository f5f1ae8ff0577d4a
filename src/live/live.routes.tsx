/**
 * The live channel: Server-Sent Events per post, telling readers of newly approved comments with
 * their HTML. Never page-cached (no pageQuery) and never stored by a proxy or CDN; a CDN or proxy that
 * buffers is told not to (X-Accel-Buffering). A hand-written writer: the protocol is a few lines of
 * text, and the library made for Fastify (@fastify/sse) is still 0.x and asks for a newer Node 20
 * than the one we support.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findApprovedComments } from '../comments/comment.service.js';
import { viewContext, type PageDeps } from '../http/page-context.js';
import { Query, Text } from '../http/schemas.js';
import { isPostPublished } from '../posts/post.service.js';
import { keyedHash } from '../shared/keyed-hash.js';
import type { LiveEvent, LiveEventSource } from '../storage/live-events.js';
import { CommentItem } from '../views/partials/comment-thread.js';
import { renderFragment } from '../views/render.js';
import type { LiveHub, LiveStream } from './live-hub.js';
import type { Actor } from '../accounts/account.js';
import { waitingFor } from './waiting.js';

export interface LiveChannel {
  source: LiveEventSource;
  hub: LiveHub;
  /** How often a comment line keeps idle streams (and the proxies between) open. */
  heartbeatMs?: number;
}

export interface LiveRouteDeps extends PageDeps {
  live: LiveChannel;
}

const POST_ID = /^[0-9a-f-]{36}$/;
const SEQ = /^\d{1,15}$/;
/** At most this many comments are replayed to a reader coming back; more, and the page is better reloaded. */
const CATCH_UP_LIMIT = 200;
const topicOf = (postId: string) => `post:${postId}`;

/** One SSE message; `data` is JSON, so it never holds a line break. */
export function sseMessage(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

// The post id is checked in the route, so a made-up one gets the stream's own JSON 404.
const LiveParams = Type.Object({ postId: Type.String() });
const LiveQuery = Query({ after: Text });

export const liveRoutes: FastifyPluginAsyncTypebox<LiveRouteDeps> = async (app, deps) => {
  const { db, live } = deps;
  const { hub, source } = live;

  /** The messages for approvals, each comment rendered once however many readers get it. */
  async function renderApprovals(events: readonly LiveEvent[]): Promise<{ postId: string; text: string }[]> {
    if (events.length === 0) return [];
    const context = await viewContext(deps, '/');
    const atWord = context.site.language === 'da' ? 'snabel-a' : 'at';
    const comments = new Map((await findApprovedComments(db, [...new Set(events.map((e) => e.commentId))], atWord)).map((c) => [c.id, c]));
    const model = { comments: [], page: 1, pages: 1, total: 0, postUrl: '', open: true };
    const messages: { postId: string; text: string }[] = [];
    for (const event of events) {
      const comment = comments.get(event.commentId);
      // Approved and taken back before we looked: nothing to show.
      if (!comment || comment.erased) continue;
      const html = renderFragment(context, <CommentItem comment={comment} model={model} form={null} />);
      messages.push({ postId: event.postId, text: sseMessage('comment', { id: comment.id, parentId: comment.parentId, html }, event.seq) });
    }
    return messages;
  }

  // Events are handled one after another, so readers get them in the order the database gave.
  let queue = Promise.resolve();
  const onApproval = (event: LiveEvent) => {
    if (event.kind !== 'approved' || !hub.has(topicOf(event.postId))) return;
    queue = queue
      .then(async () => {
        for (const message of await renderApprovals([event])) hub.publish(topicOf(message.postId), message.text);
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'live channel: could not send an approved comment'));
  };
  // Staff streams: each gets its own count (a moderator limited to some blogs sees theirs), recounted
  // once for a burst of queue changes.
  const staff = new Set<{ actor: Actor; stream: LiveStream }>();
  let recount: NodeJS.Timeout | undefined;
  const sendCount = async (entry: { actor: Actor; stream: LiveStream }) =>
    entry.stream.write(sseMessage('waiting', { waiting: await waitingFor(db, entry.actor) }));
  const onQueueChange = (event: LiveEvent) => {
    if (event.kind !== 'queue' || staff.size === 0 || recount) return;
    recount = setTimeout(() => {
      recount = undefined;
      for (const entry of staff)
        sendCount(entry).catch((error: unknown) => app.log.warn({ err: error }, 'live channel: could not count waiting comments'));
    }, 200);
  };

  // The source is heard only while some stream is open: with none, storing a comment costs no
  // read of the events, and nothing polls them. Each stream reads where it starts itself.
  let unsubscribe: (() => void) | undefined;
  function streamOpened(): void {
    if (unsubscribe) return;
    const approvals = source.subscribe(onApproval);
    const queueChanges = source.subscribe(onQueueChange);
    unsubscribe = () => {
      approvals();
      queueChanges();
    };
  }
  function streamClosed(): void {
    if (hub.open > 0 || !unsubscribe) return;
    unsubscribe();
    unsubscribe = undefined;
  }
  app.addHook('preClose', async () => {
    if (recount) clearTimeout(recount);
  });

  const heartbeat = setInterval(() => hub.broadcast(': keep-alive\n\n'), live.heartbeatMs ?? 25_000);
  heartbeat.unref();
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    unsubscribe?.();
    unsubscribe = undefined;
    hub.closeAll();
  });

  function refuse(reply: FastifyReply, status: 429 | 503, retryAfter: number, message: string) {
    return reply.code(status).header('cache-control', 'no-store').header('retry-after', String(retryAfter)).send({ error: message });
  }

  app.get('/live/posts/:postId', { schema: { params: LiveParams, querystring: LiveQuery } }, async (request, reply) => {
    const { postId } = request.params;
    // A stream is only for a post its readers can see: nothing is held open for a made-up id or a draft.
    if (!POST_ID.test(postId) || !(await isPostPublished(db, postId)))
      return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' });
    const lastEventId = lastEventIdOf(request, request.query.after);
    const admission = hub.admit(keyedHash(deps.secret, 'ip', request.ip));
    if (!admission.ok) {
      if (admission.reason === 'ip') return refuse(reply, 429, 30, 'too many live connections from this address');
      return refuse(reply, 503, admission.reason === 'draining' ? 2 : 15, 'live updates are busy; try again later');
    }
    streamOpened();
    const stream = startStream(reply);
    const { raw } = stream;
    // What comes live while the reader catches up waits, so the reader gets each comment once and in order.
    let held: string[] | undefined = [];
    const leave = hub.join(
      topicOf(postId),
      { write: (text) => (held ? held.push(text) > 0 : stream.write(text)), end: stream.end },
      () => raw.writableLength,
    );
    raw.once('close', () => {
      leave();
      admission.release();
      streamClosed();
    });
    try {
      const latest = await source.latestSeq();
      raw.write(`retry: 5000\n${sseMessage('ready', { after: lastEventId ?? latest }, lastEventId === undefined ? latest : undefined)}`);
      let caughtUpTo = lastEventId ?? 0;
      if (lastEventId !== undefined) {
        const missed = await source.approvedSince(postId, lastEventId, CATCH_UP_LIMIT);
        for (const message of await renderApprovals(missed)) raw.write(message.text);
        caughtUpTo = Math.max(caughtUpTo, ...missed.map((event) => event.seq));
      }
      const waiting = held;
      held = undefined;
      for (const text of waiting) if ((messageSeq(text) ?? Infinity) > caughtUpTo) raw.write(text);
    } catch (error) {
      request.log.warn({ err: error }, 'live channel: could not start a stream');
      raw.end();
    }
  });

  // The admin menu's waiting count for logged-in staff (the session the page was opened with).
  app.get('/live/waiting', async (request, reply) => {
    const actor = request.actor;
    if (!actor) return reply.code(403).header('cache-control', 'no-store').send({ error: 'staff only' });
    const admission = hub.admit(keyedHash(deps.secret, 'ip', request.ip));
    if (!admission.ok) {
      if (admission.reason === 'ip') return refuse(reply, 429, 30, 'too many live connections from this address');
      return refuse(reply, 503, admission.reason === 'draining' ? 2 : 15, 'live updates are busy; try again later');
    }
    streamOpened();
    const stream = startStream(reply);
    const entry = { actor, stream };
    staff.add(entry);
    const leave = hub.join('staff', stream, () => stream.raw.writableLength);
    stream.raw.once('close', () => {
      staff.delete(entry);
      leave();
      admission.release();
      streamClosed();
    });
    stream.raw.write('retry: 5000\n');
    await sendCount(entry).catch((error: unknown) => {
      request.log.warn({ err: error }, 'live channel: could not count waiting comments');
      stream.raw.end();
    });
  });
};

/** The id line of a message made by sseMessage (undefined for a comment line such as the heartbeat). */
function messageSeq(text: string): number | undefined {
  const match = /^id: (\d{1,15})\n/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Writes the stream's head on a hijacked reply: the headers set so far, and those of an event stream. */
function startStream(reply: FastifyReply): LiveStream & { raw: FastifyReply['raw'] } {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'cdn-cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  raw.socket?.setNoDelay(true);
  return { raw, write: (text: string) => raw.write(text), end: () => raw.end() };
}

/** Where the reader left off: the header EventSource sends on its own reconnects, or `?after=` from ours. */
function lastEventIdOf(request: FastifyRequest, after: string | undefined): number | undefined {
  const header = request.headers['last-event-id'];
  const value = typeof header === 'string' && header !== '' ? header : after;
  return typeof value === 'string' && SEQ.test(value) ? Number(value) : undefined;
}
