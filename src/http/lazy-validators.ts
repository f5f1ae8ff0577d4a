/**
 * Route schemas compiled on a route's first request instead of at start. Fastify compiles every
 * route's schemas with Ajv while the server gets ready, about a fifth of a cold start's CPU, though
 * most routes (the admin's, imports, settings) wait a long time for their first request. Same Ajv,
 * same options; a route pays its compilation once, on the first request that reaches it.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };

const eager = AjvCompiler();

export const lazyValidators: Factory = (externalSchemas, options) => {
  // Checking a schema against JSON Schema's meta-schema first compiles the meta-schema: about 270 ms of
  // CPU on the first request after a start. Our schemas are made by TypeBox in code, and
  // lazy-validators.test.ts checks every route's schemas against the meta-schema instead.
  const unchecked = { ...options, customOptions: { ...options?.customOptions, validateSchema: false } } as typeof options;
  const compile = eager(externalSchemas, unchecked);
  return (route) => {
    let compiled: Validate | undefined;
    const validate: Validate = (data) => (compiled ??= compile(route) as Validate)(data);
    // Fastify reads a failed validation's reasons from the function it was given.
    Object.defineProperty(validate, 'errors', { get: () => compiled?.errors });
    // Ajv's type also names the compiled schema's internals, which Fastify never reads.
    return validate as ReturnType<ReturnType<Factory>>;
  };
};
