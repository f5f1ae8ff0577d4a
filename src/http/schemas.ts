/**
 * Route input shapes for Fastify's validation (TypeBox, which also gives each route its types), and
 * what a failed validation answers. Forms are described by shape only (text, optional, repeated): a
 * person's input always reaches the route, which judges lengths and formats and answers in words with
 * everything typed kept. Addresses (params and query strings) are described exactly: one that does
 * not fit names no page.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import type { FastifySchemaValidationError } from 'fastify';
import { notFound } from '../errors.js';

/** One text field of a form or a query: absent or a string (a value repeated by hand is refused). */
export const Text = Type.Optional(Type.String());

/** A repeated field (checkboxes, multiple selects): Fastify's validator makes a single value a list of one. */
export const TextList = Type.Optional(Type.Array(Type.String()));

/** A posted form: its fields by shape, and the CSRF token every admin form carries. */
export const Form = <P extends TProperties>(fields: P) => Type.Object({ _csrf: Text, ...fields });

/**
 * A form that may come without a body Fastify parsed: multipart (a file chosen) whose parts the route
 * reads itself, or a one-click unsubscribe (RFC 8058) with none. Fastify validates a missing body as
 * null, so the route sees the fields, or null.
 */
export const FormOrNone = <P extends TProperties>(fields: P) => Type.Union([Form(fields), Type.Null()]);

/** Query strings a route reads. */
export const Query = <P extends TProperties>(fields: P) => Type.Object(fields);

/** `?page=N`: a positive whole number of at most six digits (the lists' own limit on page numbers). */
export const PageNumber = Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' }));

export const PageQuery = Query({ page: PageNumber });

/** `?done=x` after a redirect, naming what just succeeded. */
export const DoneQuery = Query({ done: Text });

/** The page asked for by a `PageNumber` that passed validation: absent is the first. */
export const pageOf = (page: string | undefined): number => (page === undefined ? 1 : Number(page));

/** A form field's text from a route's schema, cut to `max` ('' when absent): the domain judges lengths, with the text kept. */
export const clip = (value: string | undefined, max = 10_000): string => (value ?? '').slice(0, max);

/** A repeated field's values from a route's schema, empty ones dropped. */
export const nonEmpty = (values: readonly string[] | undefined): string[] => (values ?? []).filter((v) => v !== '');

/** An id the site made (a UUID in small letters), as an address or a form names it. */
export const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });

/** `:id` and other params that are looked up as they are. */
export const IdParams = Type.Object({ id: Type.String() });

/**
 * Fastify's schemaErrorFormatter: an address that fails its schema is not found (so an imported
 * site's old address still reaches its redirect, and ?page=abc answers like ?page=999), anything
 * else a plain 400, which the error handler shows as the bad-request page.
 */
export function inputError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  if (dataVar === 'params' || dataVar === 'querystring') return notFound('Page');
  const where = errors.map((e) => `${dataVar}${e.instancePath} ${e.message ?? 'is invalid'}`).join(', ');
  return new Error(where);
}

/** The error a route throws for input its schema refuses after Fastify's check (a multipart body it read itself): the bad-request page. */
export function badInput(where: string): Error {
  return Object.assign(new Error(where), { statusCode: 400 });
}

/** One named value of a parsed form or query, for hooks that run before (or without) a route's schema. */
export function rawValue(input: unknown, name: string): unknown {
  return input !== null && typeof input === 'object' && Object.hasOwn(input, name) ? Reflect.get(input, name) : undefined;
}
