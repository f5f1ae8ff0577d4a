/** /admin/media: the media library (issue 13). Browse, search, see where each image is used, delete unused ones, upload. */
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canManagePeople, canWritePosts, type Actor } from '../../accounts/account.js';
import { AppError, notFound } from '../../errors.js';
import { clip, Form, PageNumber, pageOf, PageQuery, Query, Text, Uuid } from '../../http/schemas.js';
import { getPerson } from '../../people/person.service.js';
import { deleteUpload, listLibrary, setPersonPhoto } from '../../uploads/media.service.js';
import { createUpload, MAX_UPLOAD_BYTES } from '../../uploads/upload.service.js';
import { MediaLibraryPage, type MediaLibraryModel } from '../../views/pages/admin/media/media-library.page.js';
import { PhotoPickerPage } from '../../views/pages/admin/media/photo-picker.page.js';
import { uploadProblemOf, type UploadProblem } from './upload-problems.js';
import { actorOf, requireThat, sendAdminPage, type AdminDeps } from '../admin-page.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PER_PAGE = 24;

const ByUuid = { params: Type.Object({ id: Uuid }) };
const LibraryQuery = Query({ q: Text, page: PageNumber, deleted: Text, uploaded: Text });

function writer(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  requireThat(canWritePosts(actor));
  return actor;
}

export const adminMediaRoutes: FastifyPluginAsyncTypebox<AdminDeps> = async (app, deps) => {
  const { db } = deps;
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 2000, parts: 6 } });

  const sendLibrary = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    query: { q: string; page: number },
    extra: Pick<MediaLibraryModel, 'notice' | 'error' | 'errorFor' | 'alt'> = {},
    status = 200,
  ) => {
    const list = await listLibrary(db, actor, query.q, query.page, PER_PAGE);
    return sendAdminPage(
      deps,
      request,
      reply,
      'media',
      (_c, chrome) => <MediaLibraryPage chrome={chrome} model={{ q: query.q, ...list, ...extra }} />,
      status,
    );
  };

  app.get('/admin/media', { schema: { querystring: LibraryQuery } }, async (request, reply) => {
    const actor = writer(request);
    const q = clip(request.query.q, 200);
    const page = pageOf(request.query.page);
    const notice = request.query.deleted === '1' ? 'deleted' : request.query.uploaded === '1' ? 'uploaded' : undefined;
    return sendLibrary(request, reply, actor, { q, page }, notice ? { notice } : {});
  });

  app.post('/admin/media/:id/delete', { schema: ByUuid }, async (request, reply) => {
    const actor = writer(request);
    const id = request.params.id;
    try {
      await deleteUpload(db, deps.uploadsDir, actor, id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        return sendLibrary(request, reply, actor, { q: '', page: 1 }, { error: 'inUse', errorFor: id }, 409);
      }
      throw error;
    }
    return reply.redirect('/admin/media?deleted=1', 303);
  });

  // A person's photo: uploaded here or picked from the library, then set on the person at once.
  const photoPage = async (request: FastifyRequest, reply: FastifyReply, personId: string, page: number, error?: UploadProblem) => {
    const actor = actorOf(request);
    requireThat(canManagePeople(actor));
    const person = await getPerson(db, personId);
    const list = await listLibrary(db, actor, '', page, PER_PAGE);
    return sendAdminPage(
      deps,
      request,
      reply,
      'people',
      (_c, chrome) => (
        <PhotoPickerPage
          chrome={chrome}
          model={{ person, items: list.items, page: list.page, pages: list.pages, ...(error ? { error } : {}) }}
        />
      ),
      error ? (error === 'too_large' ? 413 : 422) : 200,
    );
  };

  app.get('/admin/media/photo/:id', { schema: { ...ByUuid, querystring: PageQuery } }, async (request, reply) =>
    photoPage(request, reply, request.params.id, pageOf(request.query.page)),
  );

  app.post('/admin/media/photo/:id', { schema: { ...ByUuid, body: Form({ upload: Text, remove: Text }) } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManagePeople(actor));
    const personId = request.params.id;
    const uploadId = clip(request.body.upload, 40);
    if (request.body.remove === '1') await setPersonPhoto(db, actor, personId, null);
    else if (ID.test(uploadId)) await setPersonPhoto(db, actor, personId, uploadId);
    else throw notFound('Upload');
    return reply.redirect(`/admin/people/${personId}?done=saved`, 303);
  });

  // Multipart only: its parts are read below, so there is no body for a schema.
  app.post('/admin/media/photo/:id/upload', { schema: ByUuid, config: { csrfInFirstPart: true } }, async (request, reply) => {
    const actor = actorOf(request);
    requireThat(canManagePeople(actor));
    const personId = request.params.id;
    await getPerson(db, personId);
    const { data, alt, problem } = await readUploadForm(request);
    if (problem || !data) return photoPage(request, reply, personId, 1, problem ?? 'required');
    try {
      const upload = await createUpload(db, deps.uploadsDir, actor, { data, alt });
      await setPersonPhoto(db, actor, personId, upload.id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'invalid')) throw error;
      return photoPage(request, reply, personId, 1, uploadProblemOf(error.details.fields?.file ?? 'invalid'));
    }
    return reply.redirect(`/admin/people/${personId}?done=saved`, 303);
  });

  // The library's own upload form (multipart; the token is its first part, as for the editor).
  app.post('/admin/media/upload', { config: { csrfInFirstPart: true } }, async (request, reply) => {
    const actor = writer(request);
    const read = await readUploadForm(request);
    const { data, alt } = read;
    let problem = read.problem;
    if (!problem && !data) problem = 'required';
    if (!problem) {
      try {
        await createUpload(db, deps.uploadsDir, actor, { data: data!, alt });
        return reply.redirect('/admin/media?uploaded=1', 303);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'invalid')) throw error;
        problem = uploadProblemOf(error.details.fields?.file ?? 'invalid');
      }
    }
    return sendLibrary(request, reply, actor, { q: '', page: 1 }, { error: problem, alt }, problem === 'too_large' ? 413 : 422);
  });
};

/** A small multipart form: the file and its alt text. */
async function readUploadForm(request: FastifyRequest): Promise<{ data?: Buffer; alt: string; problem?: UploadProblem }> {
  let data: Buffer | undefined;
  let alt = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file' && !data && buffer.length) data = buffer;
      } else if (part.fieldname === 'alt') {
        alt = String(part.value).slice(0, 300);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { alt, problem: 'too_large' };
    if (code?.startsWith('FST_')) return { alt, problem: 'invalid' };
    throw error;
  }
  return { ...(data ? { data } : {}), alt };
}
