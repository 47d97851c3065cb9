// The raster formats that are re-encoded (metadata stripped), previewed and served inline. Anything
// else, SVG and HTML included, is only ever a download.
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const isInlineImage = (contentType: string) => INLINE_IMAGE_TYPES.has(contentType);

/** What bytes that file-type does not recognise are served as. */
export const UNKNOWN_CONTENT_TYPE = "application/octet-stream";
