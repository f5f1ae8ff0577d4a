/**
 * The featured-image part of the post editor (issue 13). The editor's form is sent as
 * multipart/form-data, so a file chosen in its sidebar travels with everything typed: without
 * JavaScript, uploading a featured image is one more button of the same form, and the form comes
 * back with the text kept and the new image chosen.
 */
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import { badInput, clip } from '../../http/schemas.js';
import { MAX_UPLOAD_BYTES } from '../../uploads/upload.service.js';
import { EditorFields } from '../posts/post-form.js';
import { postProblemOf, type PostErrors } from '../posts/post-problems.js';
import type { UploadProblem } from './upload-problems.js';

export interface FeaturedForm {
  uploadId: string;
  alt: string;
  caption: string;
  credit: string;
}

export const emptyFeaturedForm = (): FeaturedForm => ({ uploadId: '', alt: '', caption: '', credit: '' });

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type FeaturedFields = Pick<EditorFields, 'featured_upload' | 'featured_alt' | 'featured_caption' | 'featured_credit'>;

export function readFeaturedForm(body: FeaturedFields): FeaturedForm {
  const uploadId = clip(body.featured_upload, 40);
  return {
    // Anything but an id (the "none" choice, a forged value) is no image.
    uploadId: ID.test(uploadId) ? uploadId : '',
    alt: clip(body.featured_alt, 400),
    caption: clip(body.featured_caption, 700),
    credit: clip(body.featured_credit, 300),
  };
}

/** The featured image a form sent, or undefined when it has no featured-image fields (a script's or an older page's autosave). */
export function sentFeaturedForm(body: FeaturedFields): FeaturedForm | undefined {
  return body.featured_upload !== undefined ? readFeaturedForm(body) : undefined;
}

/** The service's problems (uploadId, alt, …) as the editor's field ids. */
export const featuredFieldErrors = (problems: Record<string, string>): PostErrors =>
  Object.fromEntries(
    Object.entries(problems).map(([key, code]) => [key === 'uploadId' ? 'featured-upload' : `featured-${key}`, postProblemOf(code)]),
  );

export interface EditorBody {
  /** The fields as the route's schema gives a urlencoded body: the rows' fields as lists. */
  body: EditorFields;
  /** The featured image file, when one was chosen. */
  file?: Buffer;
  /** Why the file could not be read (too_large, invalid). */
  problem?: UploadProblem;
}

/**
 * The editor's fields, from a multipart body (the form as the editor sends it) or an urlencoded one
 * (older pages, scripts, tests). The CSRF token of a multipart form is its first part (see
 * the check runs before the body is read.
 */
export async function readEditorBody(request: FastifyRequest, urlencoded: EditorFields | null): Promise<EditorBody> {
  if (urlencoded) return { body: urlencoded };
  const sent = new Map<string, string[]>();
  const add = (name: string, value: string) => sent.set(name, [...(sent.get(name) ?? []), value]);
  let file: Buffer | undefined;
  let problem: UploadProblem | undefined;
  try {
    // A post's body is up to 200,000 characters, and the editor has a few hundred fields at most.
    const parts = request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4000, fieldSize: 1_000_000, parts: 4001 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'featured_file' && data.length > 0) file = data;
      } else if (typeof part.value === 'string') {
        add(part.fieldname, part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') problem = 'too_large';
    else if (code?.startsWith('FST_')) problem = 'invalid';
    else throw error;
  }
  // The parts take the shape the schema gives a urlencoded body (a list where it says so), and are checked by it.
  const body: Record<string, string | string[]> = {};
  const fields: Readonly<Record<string, { type?: unknown }>> = EditorFields.properties;
  for (const [name, values] of sent) {
    const list = Object.hasOwn(fields, name) && fields[name]?.type === 'array';
    body[name] = list || values.length > 1 ? values : values[0]!;
  }
  if (!Value.Check(EditorFields, body)) throw badInput('the editor form has a field sent more than once');
  return { body, ...(file ? { file } : {}), ...(problem ? { problem } : {}) };
}
