/** `text` as a LIKE pattern that matches it literally, with `\` as the escape character. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
