/** What an upload without JavaScript answers: the Markdown to paste, or why the file was refused. */
import type { UploadProblem } from '../../../../admin/media/upload-problems.js';
import { AdminLayout, type AdminChrome } from '../../../layouts/admin-layout.js';
import { errorText, usePostText } from './post-fields.js';

export type UploadResultModel =
  { ok: true; url: string; alt: string; markdown: string; postId?: string } | { ok: false; error: UploadProblem; postId?: string };

export function UploadResultPage({ chrome, model }: { chrome: AdminChrome; model: UploadResultModel }) {
  const t = usePostText();
  const back = model.postId ? (
    <a href={`/admin/posts/${model.postId}/edit`}>{t('upload.back')}</a>
  ) : (
    <a href="/admin/posts">{t('upload.backToList')}</a>
  );
  if (!model.ok) {
    return (
      <AdminLayout title={t('upload.failedTitle')} chrome={chrome}>
        <h1>{t('upload.failedTitle')}</h1>
        <div class="error-summary" role="alert">
          <p>{errorText(t, model.error)}</p>
        </div>
        <p>{back}</p>
      </AdminLayout>
    );
  }
  return (
    <AdminLayout title={t('upload.doneTitle')} chrome={chrome}>
      <h1>{t('upload.doneTitle')}</h1>
      <p>
        <img src={model.url} alt={model.alt} class="upload-preview" />
      </p>
      <div class="field">
        <label for="upload-markdown">{t('upload.markdown')}</label>
        <textarea id="upload-markdown" readOnly rows={2} aria-describedby="upload-markdown-hint" value={model.markdown} />
        <span class="hint" id="upload-markdown-hint">
          {t('upload.copyHint')}
        </span>
      </div>
      <p>{back}</p>
    </AdminLayout>
  );
}
