import { useState } from "react";
import { formErrors } from "./server-error";

/**
 * A settings form's errors and its round trip to the server: `submit` runs the call with the form
 * pending, resets the form once it succeeded, and shows a refusal under its field (a wrong password
 * under `passwordField`) or above the form. Resolves with whether the call succeeded.
 */
export function useServerSubmit<Field extends string>(passwordField?: Field) {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: HTMLFormElement, call: () => Promise<unknown>): Promise<boolean> {
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await call();
      form.reset();
      return true;
    } catch (error) {
      const refused = formErrors(error, passwordField);
      setErrors(refused.fields as Partial<Record<Field, string>>);
      setFormError(refused.form);
      return false;
    } finally {
      setPending(false);
    }
  }

  return { errors, setErrors, formError, setFormError, pending, submit };
}
