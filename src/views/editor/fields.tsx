// Building blocks of the what-if editor's forms: labelled fields with located errors, the
// refusal box that names the rule, and the form-state hook that follows the machine.
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import type { EditOp } from '../../sim/machine/edits/ops';
import { useApp } from '../storeContext';
import type { FieldError } from './forms';

export interface EditorApi {
  /** Sends the edit; `form` is remembered so that a refusal shows next to that form. */
  run(form: string, op: EditOp, summary: string): Promise<boolean>;
  /** The form that sent the last edit. */
  active: string | null;
  busy: boolean;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('useEditor outside the what-if editor');
  return api;
}

/** Which object each part of the editor shows (ids; the first one when unset or gone). */
export interface Picks {
  region?: string;
  namespace?: string;
  dimm?: string;
  dax?: string;
  cxlRegion?: string;
  memdev?: string;
  range?: string;
}

export interface FormState<T> {
  values: T;
  errors: FieldError[];
  set(patch: Partial<T>): void;
  setErrors(errors: FieldError[]): void;
}

/**
 * Form values that start from the object as it is and start over whenever it changes (an edit,
 * an undo, another object picked): `sig` describes that object. The DOM stays, so focus stays.
 */
export function useForm<T>(init: () => T, sig: string): FormState<T> {
  const [st, setSt] = useState(() => ({ sig, values: init(), errors: [] as FieldError[] }));
  let cur = st;
  if (st.sig !== sig) {
    cur = { sig, values: init(), errors: [] };
    setSt(cur);
  }
  return {
    values: cur.values,
    errors: cur.errors,
    set: (patch) => setSt((s) => ({ ...s, values: { ...s.values, ...patch }, errors: [] })),
    setErrors: (errors) => setSt((s) => ({ ...s, errors })),
  };
}

export const errorFor = (errors: FieldError[], field: string): FieldError | undefined => errors.find((e) => e.field === field);

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

export function TextField(props: { label: string; value: string; onChange(v: string): void; error?: FieldError; hint?: ReactNode; placeholder?: string; wide?: boolean; name?: string }) {
  const id = useId();
  return (
    <div className={`we-field${props.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        name={props.name}
        className="mono"
        spellCheck={false}
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.error && `${id}-err`, props.hint !== undefined && `${id}-hint`)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint !== undefined && (
        <span id={`${id}-hint`} className="we-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-err`} className="we-field-error" role="alert">
          {props.error.message}
        </span>
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: { label: string; value: string; options: readonly Option[]; onChange(v: string): void; error?: FieldError; hint?: ReactNode; wide?: boolean; disabled?: boolean }) {
  const id = useId();
  return (
    <div className={`we-field${props.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.error && `${id}-err`, props.hint !== undefined && `${id}-hint`)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint !== undefined && (
        <span id={`${id}-hint`} className="we-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-err`} className="we-field-error" role="alert">
          {props.error.message}
        </span>
      )}
    </div>
  );
}

export function CheckField(props: { label: ReactNode; checked: boolean; onChange(v: boolean): void; disabled?: boolean }) {
  return (
    <label className="we-check">
      <input type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

/** Errors of the form as a whole (field ''), and of fields the form does not show. */
export function FormErrors({ errors, fields }: { errors: FieldError[]; fields: readonly string[] }) {
  const rest = errors.filter((e) => !fields.includes(e.field));
  if (!rest.length) return null;
  return (
    <div className="we-form-error" role="alert">
      {rest.map((e, i) => (
        <div key={i}>{e.field ? `${e.field}: ${e.message}` : e.message}</div>
      ))}
    </div>
  );
}

/** The model's refusal of the last edit this form sent: the rule's id, its text, the path. */
export function Refusal({ form }: { form: string }) {
  const ed = useEditor();
  const err = useApp((s) => s.editError);
  if (!err || ed.active !== form) return null;
  return <RefusalBox rule={err.rule} message={err.message} path={err.path} />;
}

export function RefusalBox({ rule, message, path }: { rule: string; message: string; path: string }) {
  return (
    <div className="we-refusal" role="alert" data-testid="edit-refusal">
      <div className="we-refusal-head">
        Refused · rule <code>{rule}</code>
      </div>
      <div className="we-refusal-msg">{message}</div>
      <div className="we-refusal-path">
        at <code>{path}</code> · the machine is unchanged
      </div>
    </div>
  );
}

/** A titled group of fields with its submit row and refusal box. */
export function EditForm(props: { form: string; legend: string; onSubmit(): void; submit: string; children: ReactNode; extra?: ReactNode; note?: ReactNode; errors?: FieldError[]; fields?: readonly string[] }) {
  const ed = useEditor();
  return (
    <form
      className="we-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!ed.busy) props.onSubmit();
      }}
    >
      <fieldset>
        <legend>{props.legend}</legend>
        <div className="we-grid">{props.children}</div>
        {props.note && <p className="we-note">{props.note}</p>}
        {props.errors && <FormErrors errors={props.errors} fields={props.fields ?? []} />}
        <div className="we-actions">
          <button type="submit" className="primary" aria-disabled={ed.busy || undefined}>
            {props.submit}
          </button>
          {props.extra}
        </div>
        <Refusal form={props.form} />
      </fieldset>
    </form>
  );
}
