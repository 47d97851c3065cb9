// Limits the browser checks too, apart from the schemas that enforce them: importing them does not
// bring zod into a page.

export const MAX_MESSAGE_LENGTH = 4000;
/** Files one message carries. */
export const MAX_ATTACHMENTS = 10;
