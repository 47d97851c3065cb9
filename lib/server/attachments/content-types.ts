// The raster formats that are re-encoded (metadata stripped), previewed and served inline. Anything
// else, SVG and HTML included, is only ever a download.
/** The images shown inline (and counted as images by message_type and search's has=image). */
export const INLINE_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export const isInlineImage = (contentType: string) => INLINE_IMAGE_TYPES.includes(contentType);

/** What bytes that file-type does not recognise are served as. */
export const UNKNOWN_CONTENT_TYPE = "application/octet-stream";
