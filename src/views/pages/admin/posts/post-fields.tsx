/** Labelled form fields for the post admin: the hint and the error are tied to the input, the error marks it invalid. */
import type { ComponentChildren } from 'preact';
import { sectionText, type SectionText } from '../../../../admin/admin-i18n.js';
import { POST_PROBLEM_KEYS, type PostErrors, type PostProblem } from '../../../../admin/posts/post-problems.js';
import { postMessages } from '../../../../admin/posts/posts.messages.js';
import { useView } from '../../../context.js';

export function usePostText(): SectionText<typeof postMessages.da> {
  return sectionText(postMessages, useView().i18n.lang);
}

export function errorText(t: SectionText<typeof postMessages.da>, code: PostProblem): string {
  return t(POST_PROBLEM_KEYS[code]);
}

export interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  errors: PostErrors;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'number' | 'datetime-local';
  inputMode?: 'url' | 'numeric';
  rows?: number;
  required?: boolean;
  autoFocus?: boolean;
  class?: string;
  autocomplete?: string;
}

export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, errors }: { id: string; errors: PostErrors }) {
  const t = usePostText();
  const code = errors[id];
  return code ? (
    <span class="field-error" id={`${id}-error`}>
      {errorText(t, code)}
    </span>
  ) : null;
}

export function TextField(props: FieldProps) {
  const { id, name, label, value, errors, hint } = props;
  const error = Boolean(errors[id]);
  const common = {
    id,
    name,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, Boolean(hint), error),
    required: props.required,
    autoFocus: props.autoFocus,
  };
  return (
    <div class={`field${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>{label}</label>
      {props.rows ? (
        <textarea {...common} rows={props.rows} value={value} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          value={value}
          autocomplete={props.autocomplete ?? 'off'}
        />
      )}
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <FieldError id={id} errors={errors} />
    </div>
  );
}

export function SelectField({
  id,
  name,
  label,
  value,
  errors,
  options,
  autoFocus,
  class: className,
  picker,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  errors: PostErrors;
  options: { value: string; label: string }[];
  autoFocus?: boolean;
  class?: string;
  /** Set for a choice of person: admin.js turns the select into a searching combobox, with this as its placeholder. */
  picker?: string;
}) {
  const error = Boolean(errors[id]);
  return (
    <div class={`field${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, false, error)}
        autoFocus={autoFocus}
        data-person-picker={picker ? '' : undefined}
        data-picker-hint={picker}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} errors={errors} />
    </div>
  );
}

/** A button that posts the whole form to add, move or remove a row; browsers' own checks are skipped for it. */
export function RowButton({ op, children }: { op: string; children: ComponentChildren }) {
  return (
    <button type="submit" name="op" value={op} class="button--secondary button--small" formNoValidate>
      {children}
    </button>
  );
}
