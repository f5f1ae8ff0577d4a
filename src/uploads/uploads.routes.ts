/** GET /uploads/<file>: the images posts show, public and cached for good (a name never changes content). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import type { Db } from '../storage/db.js';
import { findUploadFile } from './upload.service.js';

const FileParams = Type.Object({ file: Type.String() });

export const uploadRoutes: FastifyPluginAsyncTypebox<{ db: Db; uploadsDir: string }> = async (app, { db, uploadsDir }) => {
  app.get('/uploads/:file', { schema: { params: FileParams } }, async (request, reply) => {
    const found = await findUploadFile(db, uploadsDir, request.params.file);
    const size = found
      ? await stat(found.path).then(
          (s) => (s.isFile() ? s.size : undefined),
          () => undefined,
        )
      : undefined;
    if (!found || size === undefined) throw notFound('Upload');
    return (
      reply
        .type(found.contentType)
        .header('content-length', size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        // Should a browser ever render one as a document, it runs nothing.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(found.path))
    );
  });
};
