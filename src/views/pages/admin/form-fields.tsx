/**
 * The admin's form fields, shared by every admin form (people, blogs, settings, followers, login and setup): each label, hint and error is tied
 * to its input (aria-describedby, aria-invalid), so screen readers read them together.
 */
import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

const describedBy = (id: string, hint?: string, error?: string, also?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`, also].filter(Boolean).join(' ') || undefined;

function Frame({ id, label, hint, error, children }: Omit<FieldProps, 'name'> & { children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** A field's hint and error, under the ids describedBy names. */
function HintAndError({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: ComponentChildren }) {
  return (
    <>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

/** What HTML accepts as the value of a number input. */
const VALID_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function TextField({
  id,
  name,
  label,
  hint,
  error,
  value,
  type = 'text',
  required,
  autocomplete,
  readOnly,
  minLength,
  alsoDescribedBy,
}: FieldProps & {
  value: string;
  type?: 'text' | 'email' | 'tel' | 'number' | 'password' | 'url' | 'date';
  required?: boolean;
  autocomplete?: string;
  readOnly?: boolean;
  minLength?: number;
  /** The id of a message outside the field that is about it too, such as a form's own error. */
  alsoDescribedBy?: string | undefined;
}) {
  const numeric = type === 'number';
  // A number input cannot hold text such as "mange": what was typed comes back in a text input.
  const shown = numeric && value !== '' && !VALID_NUMBER.test(value) ? 'text' : type;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={shown}
        value={value}
        required={required}
        autocomplete={autocomplete}
        readOnly={readOnly}
        minLength={minLength}
        step={shown === 'number' ? 1 : undefined}
        inputMode={numeric ? 'numeric' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error, alsoDescribedBy)}
      />
    </Frame>
  );
}

export function TextArea({ id, name, label, hint, error, value, rows = 4 }: FieldProps & { value: string; rows?: number }) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={rows} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {value}
      </textarea>
    </Frame>
  );
}

export function SelectField({
  id,
  name,
  label,
  hint,
  error,
  value,
  options,
  required,
  picker,
  pickerSource,
}: FieldProps & {
  value: string;
  options: readonly { value: string; label: string }[];
  required?: boolean;
  /** Set for a choice of person: admin.js turns the select into a searching combobox, with this as its placeholder. */
  picker?: string;
  /** A picker of something other than people: where it searches (answering { options }), what its list and matches are called. */
  pickerSource?: { url: string; listLabel: string; nouns: string };
}) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-person-picker={picker ? '' : undefined}
        data-picker-hint={picker}
        data-picker-source={pickerSource?.url}
        data-picker-list-label={pickerSource?.listLabel}
        data-picker-nouns={pickerSource?.nouns}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckboxField({ id, name, label, hint, error, checked, value = '1' }: FieldProps & { checked: boolean; value?: string }) {
  return (
    <div class="field checkbox">
      <input
        id={id}
        name={name}
        type="checkbox"
        value={value}
        checked={checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** A group of checkboxes under one legend, e.g. blogs or co-owners. */
export function CheckboxGroup({
  id,
  name,
  legend,
  hint,
  error,
  options,
  checked,
}: {
  id: string;
  name: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
}) {
  return (
    <fieldset class="field checkbox-group" id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <ul>
        {options.map((o, i) => (
          <li key={o.value}>
            <input id={`${id}-${i}`} name={name} type="checkbox" value={o.value} checked={checked.includes(o.value)} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The errors above the form, each a link to its field; `role="alert"` announces it after a failed save. */
export function ErrorSummary({ title, errors }: { title: string; errors: readonly { id: string; text: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{title}</p>
      <ul>
        {errors.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <p class="form-notice" role="status">
      {text}
    </p>
  ) : null;
}

/** Previous/next links that keep the other query parameters. */
export function PageLinks({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { nav: string; prev: string; next: string; page: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={labels.nav}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          ← {labels.prev}
        </a>
      )}
      <span>{labels.page}</span>
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {labels.next} →
        </a>
      )}
    </nav>
  );
}

/**
 * The search box a picker offers without script (people, or the followers' topics): a capped list
 * plus this box, whose button sends the form back with the matches. `shownQuery` records what the
 * lists show, so the server can tell a term typed but not yet searched (Enter pressed Save);
 * `defaultSave` puts a hidden save first where the box would otherwise hold the form's first button.
 */
export function NoScriptSearch({
  id,
  name,
  op,
  label,
  hint,
  button,
  status,
  query,
  autoFocus = query.trim() !== '',
  shownQuery = false,
  defaultSave,
}: {
  id: string;
  name: string;
  op: string;
  label: string;
  hint: string;
  button: string;
  status: string;
  query: string;
  autoFocus?: boolean;
  shownQuery?: boolean;
  defaultSave?: string;
}) {
  return (
    <noscript>
      <div class="field people-search">
        {defaultSave && (
          <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
            {defaultSave}
          </button>
        )}
        <label for={id}>{label}</label>
        <input
          id={id}
          name={name}
          type="search"
          value={query}
          maxLength={120}
          autoFocus={autoFocus}
          aria-describedby={`${id}-hint ${id}-status`}
        />
        {shownQuery && <input type="hidden" name={`${name}_shown`} value={query} />}
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
        <p>
          <button type="submit" name="op" value={op} class="button--secondary button--small" formNoValidate>
            {button}
          </button>
        </p>
        <p class="hint" id={`${id}-status`} role="status">
          {status}
        </p>
      </div>
    </noscript>
  );
}
