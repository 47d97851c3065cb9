import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ApiError } from "../errors";
import type { ApiRequest } from "../http/route";

/** An upload's bytes, on local disk until they go to storage. */
export interface ReceivedFile {
  /** A temporary file: whoever receives it removes it. */
  path: string;
  /** As the client named it (not yet cleaned). */
  filename: string;
  size: number;
}

/** A request this much larger than the limit is refused on its Content-Length, before a byte is read. */
const MULTIPART_OVERHEAD = 64 * 1024;

export const uploadTooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `Uploads are limited to ${maxBytes} bytes (MAX_UPLOAD_BYTES)`);

const badForm = (message: string) => new ApiError("invalid_request", message, [{ path: "file", message }]);

/**
 * Streams the one `file` part of a multipart/form-data request to a temporary file in `dir`, never
 * holding more than a chunk in memory. Over `maxBytes` it answers 413 and keeps nothing; a form
 * without exactly one `file` part is a 400.
 */
export async function receiveUpload(req: ApiRequest, { maxBytes, dir }: { maxBytes: number; dir: string }): Promise<ReceivedFile> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Uploads are multipart/form-data with one part named file", undefined, 415);
  }
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes + MULTIPART_OVERHEAD) throw uploadTooLarge(maxBytes);
  if (!req.body) throw badForm("The form has no file part");

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: maxBytes + 1, fields: 20, fieldSize: 1024, parts: 21 } });
  } catch {
    throw badForm("The multipart body has no usable boundary");
  }

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, randomUUID());
  let written: Promise<{ filename: string; size: number; truncated: boolean }> | undefined;
  let refusal: ApiError | undefined;

  parser.on("file", (name, stream, info) => {
    if (name !== "file" || written) {
      refusal ??= badForm("Send one file, in a part named file");
      stream.resume();
      return;
    }
    let size = 0;
    stream.on("data", (chunk: Buffer) => (size += chunk.length));
    const done = pipeline(stream, createWriteStream(target, { mode: 0o600 })).then(() => ({
      filename: info.filename ?? "",
      size,
      truncated: (stream as unknown as { truncated?: boolean }).truncated === true,
    }));
    // Awaited below; a failure must not go unhandled meanwhile.
    done.catch(() => undefined);
    written = done;
  });
  parser.on("filesLimit", () => (refusal ??= badForm("Send one file, in a part named file")));

  try {
    // busboy stops writing a file one byte past the limit (fileSize: maxBytes + 1) and discards the
    // rest. The whole body is read even past the limit, so that the client
    // gets the 413 rather than a reset connection.
    await pipeline(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>), parser).catch(() => {
      throw badForm("The multipart body is malformed");
    });
    if (refusal) throw refusal;
    if (!written) throw badForm("The form has no file part");
    const file = await written;
    if (file.truncated || file.size > maxBytes) throw uploadTooLarge(maxBytes);
    if (file.size === 0) throw badForm("The file is empty");
    return { path: target, filename: file.filename, size: file.size };
  } catch (error) {
    await written?.catch(() => undefined);
    await rm(target, { force: true });
    throw error;
  }
}
