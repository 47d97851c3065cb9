import { useId } from "react";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, error, hint, ...input }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={`block text-xs font-bold uppercase tracking-wide ${error ? "text-red-400" : "text-muted"}`}>
        {label}
        {input.required && <span className="ml-0.5 text-red-400" aria-hidden>*</span>}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className="w-full rounded-md bg-rail px-3 py-2.5 text-strong outline-none ring-aura-500 transition placeholder:text-muted focus:ring-2 aria-[invalid]:ring-2 aria-[invalid]:ring-red-500"
        {...input}
      />
      {error ? (
        <p id={messageId} role="alert" className="text-sm text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-300">
      {message}
    </div>
  );
}

export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-md bg-aura-600 px-4 py-2.5 font-medium text-white transition hover:bg-aura-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-300 disabled:cursor-wait disabled:opacity-70"
    >
      {children}
    </button>
  );
}
