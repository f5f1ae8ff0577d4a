import { sectionText } from '../../admin/admin-i18n.js';
import { commentsMessages } from '../../admin/comments/comments.messages.js';
import type { CommentField, CommentProblemCodes, CommentProblems } from '../../comments/comment.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useView } from '../context.js';

export interface CommentFormState {
  values: { name: string; email: string; body: string; notify: boolean; parentId?: string };
  /** Field → problem code, as the comment service returns them. */
  errors: CommentProblems;
  question?: { a: number; b: number; op: 'plus' | 'minus'; token: string };
  /** When the reader's first question for this post was issued: the next one keeps it (see spam/question.ts). */
  questionStartedAt?: Date;
  replyTo?: { id: string; authorName: string };
  /** A logged-in staff member: their name and badge instead of name, e-mail and question. */
  staff?: { name: string; badge: 'author' | 'staff'; csrf: string; moderateUrl: string };
}

export const emptyForm = (): CommentFormState => ({ values: { name: '', email: '', body: '', notify: false }, errors: {} });

const FIELDS = ['name', 'email', 'body', 'answer', 'parent', 'form'] as const satisfies readonly CommentField[];

/** The message keys of every comment problem (error.<field>.<code>). */
type CommentProblemKey = { [F in CommentField]: `error.${F}.${CommentProblemCodes[F]}` }[CommentField];

/**
 * The message for a problem the form came back with. The key is typed from the closed unions in
 * comments/comment.ts, so a problem code without a message in messages.ts fails tsc right here.
 */
export function commentProblemKey<F extends CommentField>(field: F, code: CommentProblemCodes[F]): MessageKey {
  // Sound: `field` and `code` belong together by the signature, which the template type cannot follow.
  const key = `error.${field}.${code}` as CommentProblemKey;
  return key;
}

/**
 * The comment form; with errors it carries everything the person typed, each message sits by its
 * field, and a summary at the top links to them. The summary takes the focus when the page opens
 * (autofocus, for the page a refused send without JavaScript gets), so nobody starts at the top of
 * a long post wondering what happened; the script moves the focus there itself.
 */
export function CommentForm({
  action,
  state,
  postUrl,
  postId,
}: {
  action: string;
  state: CommentFormState;
  postUrl: string;
  postId?: string;
}) {
  const { i18n } = useView();
  const { values, errors, question, replyTo, staff } = state;
  const message = (field: CommentField) => {
    const code = errors[field];
    return code ? i18n.t(commentProblemKey(field, code), { length: values.body.length }) : undefined;
  };
  const describedBy = (field: CommentField, hint?: string) =>
    [errors[field] ? `error-${field}` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const hasErrors = Object.keys(errors).length > 0;
  const FieldError = ({ field }: { field: CommentField }) =>
    errors[field] ? (
      <p class="field-error" id={`error-${field}`}>
        {message(field)}
      </p>
    ) : null;
  return (
    <form class="comment-form" id="respond" method="post" action={action} noValidate={false} data-post-url={postUrl} data-post-id={postId}>
      <h2 id="respond-heading">{replyTo ? i18n.t('comments.replyTo', { name: replyTo.authorName }) : i18n.t('form.heading')}</h2>
      {replyTo && (
        <p>
          <a class="cancel-reply" href={`${postUrl}#respond`}>
            {i18n.t('comments.cancelReply')}
          </a>
        </p>
      )}
      <div class="form-status">
        {hasErrors && (
          <div class="error-summary" id="error-summary" tabIndex={-1} autofocus role="group" aria-labelledby="error-summary-heading">
            <h3 id="error-summary-heading">{i18n.t('form.errorSummaryHeading')}</h3>
            <p>{i18n.t('form.errorSummary')}</p>
            <ul>
              {FIELDS.filter((f) => errors[f]).map((f) => (
                <li key={f}>{f === 'form' || f === 'parent' ? message(f) : <a href={`#comment-${f}`}>{message(f)}</a>}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <input type="hidden" name="parent" value={values.parentId ?? replyTo?.id ?? ''} />
      {staff ? (
        <StaffFields staff={staff} />
      ) : (
        <>
          <div class="field">
            <label for="comment-name">
              {i18n.t('form.name')} <span class="required">({i18n.t('form.required')})</span>
            </label>
            <input
              id="comment-name"
              name="name"
              type="text"
              autocomplete="name"
              required
              maxLength={80}
              value={values.name}
              aria-invalid={errors.name ? 'true' : undefined}
              aria-describedby={describedBy('name')}
            />
            <FieldError field="name" />
          </div>
          <div class="field">
            <label for="comment-email">
              {i18n.t('form.email')} <span class="required">({i18n.t('form.required')})</span>
            </label>
            <input
              id="comment-email"
              name="email"
              type="email"
              autocomplete="email"
              required
              maxLength={200}
              value={values.email}
              aria-invalid={errors.email ? 'true' : undefined}
              aria-describedby={describedBy('email', 'hint-email')}
            />
            <span class="hint" id="hint-email">
              {i18n.t('form.emailHint')}
            </span>
            <FieldError field="email" />
          </div>
        </>
      )}
      <div class="field">
        <label for="comment-body">
          {i18n.t('form.body')} <span class="required">({i18n.t('form.required')})</span>
        </label>
        <textarea
          id="comment-body"
          name="body"
          rows={7}
          required
          maxLength={5000}
          aria-invalid={errors.body ? 'true' : undefined}
          aria-describedby={describedBy('body', 'hint-body')}
        >
          {values.body}
        </textarea>
        <span class="hint" id="hint-body">
          {i18n.t('form.bodyHint')}
        </span>
        <FieldError field="body" />
      </div>
      {question && <QuestionField question={question} error={message('answer')} />}
      <p class="hp" aria-hidden="true">
        <label for="comment-website">{i18n.t('form.honeypot')}</label>
        <input id="comment-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
      </p>
      <p class="field checkbox">
        <input id="comment-notify" name="notify" type="checkbox" value="1" checked={values.notify} />
        <label for="comment-notify">{i18n.t('form.notify')}</label>
      </p>
      <p>
        <button type="submit">{i18n.t('form.submit')}</button>
      </p>
    </form>
  );
}

/**
 * The arithmetic question with its signed token. It stands alone so a cached page can be served
 * with a fresh one for every reader (see http/page-cache): the token is single-use.
 */
export function QuestionField({ question, error }: { question: NonNullable<CommentFormState['question']>; error?: string | undefined }) {
  const { i18n } = useView();
  return (
    <div class="field question">
      <input type="hidden" name="token" value={question.token} />
      <label for="comment-answer">
        {i18n.t('form.question', { a: question.a, b: question.b, op: i18n.t(question.op === 'plus' ? 'form.plus' : 'form.minus') })}{' '}
        <span class="required">({i18n.t('form.required')})</span>
      </label>
      <input
        id="comment-answer"
        name="answer"
        type="text"
        inputMode="numeric"
        autocomplete="off"
        required
        maxLength={8}
        size={4}
        value=""
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'error-answer hint-answer' : 'hint-answer'}
      />
      <span class="hint" id="hint-answer">
        {i18n.t('form.questionHint')}
      </span>
      {error && (
        <p class="field-error" id="error-answer">
          {error}
        </p>
      )}
    </div>
  );
}

/** Who a logged-in staff member writes as; the server takes the name and address from their account. */
function StaffFields({ staff }: { staff: NonNullable<CommentFormState['staff']> }) {
  const { i18n } = useView();
  const t = sectionText(commentsMessages, i18n.lang);
  return (
    <>
      <input type="hidden" name="_csrf" value={staff.csrf} />
      <p class="field staff-note">
        <label for="comment-name">{i18n.t('form.name')}</label>
        <input id="comment-name" name="name" type="text" readOnly value={staff.name} aria-describedby="hint-staff" />
        <span class="hint" id="hint-staff">
          {t('staff.as', { name: staff.name })} {t('staff.badge', { badge: i18n.t(`comments.badge.${staff.badge}`) })}{' '}
          <a href={staff.moderateUrl}>{t('staff.moderate')}</a>
        </span>
      </p>
    </>
  );
}
