import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import { ApiError } from "../errors";
import { storage } from "../storage";
import { isInlineImage, UNKNOWN_CONTENT_TYPE } from "./content-types";
import type { ReceivedFile } from "./receive-upload";

/** What went to storage for one upload. */
export interface StoredUpload {
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  storage_key: string;
  thumbnail_key: string | null;
}

const THUMBNAIL_SIZE = 400;
/** Avatars and community icons: square, this many pixels a side. */
const SQUARE_SIZE = 512;

const notAnImage = () => new ApiError("invalid_request", "The file must be a PNG, JPEG, GIF or WebP image", [{ path: "file", message: "Not a supported image" }]);
const unreadableImage = () => new ApiError("invalid_request", "The image could not be read", [{ path: "file", message: "Corrupt or unsupported image data" }]);
const tooManyPixels = (limit: number) =>
  new ApiError("invalid_request", `Images are limited to ${limit} pixels (width × height × frames)`, [{ path: "file", message: "Too many pixels" }]);

/** The image's pixel count as its header declares it, every frame counted: checked before anything is decoded. */
async function assertPixelsWithin(file: string, limit: number) {
  // Reading the header decodes nothing: sharp's own limit (checked here too) would only hide the count.
  const meta = await sharp(file, { limitInputPixels: false }).metadata().catch(() => {
    throw unreadableImage();
  });
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight) throw unreadableImage();
  if (meta.width * frameHeight * (meta.pages ?? 1) > limit) throw tooManyPixels(limit);
  return { animated: (meta.pages ?? 1) > 1 };
}

/** Re-encoded in its own format: what is served carries none of the original's metadata (EXIF, GPS, XMP, comments). */
function reencode(image: Sharp, contentType: string): Sharp {
  switch (contentType) {
    case "image/jpeg":
      return image.jpeg({ quality: 90 });
    case "image/png":
      return image.png();
    case "image/gif":
      return image.gif();
    default:
      return image.webp({ quality: 90 });
  }
}

async function writeImage(work: () => Promise<OutputInfo>): Promise<OutputInfo> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw unreadableImage();
  }
}

/**
 * Sniffs the received file's type from its bytes and puts it in storage: an image (PNG, JPEG, GIF,
 * WebP) re-encoded without metadata, upright, with a WebP thumbnail; anything else as it came.
 * `square` (avatars, icons) takes images only and stores one square WebP. Nothing is stored when
 * this throws; the received file is removed either way.
 */
export async function storeUpload(received: ReceivedFile, options: { maxImagePixels: number; square?: boolean }): Promise<StoredUpload> {
  const key = `${new Date().toISOString().slice(0, 10)}/${randomUUID()}`;
  const outputs = { served: `${received.path}.served`, thumbnail: `${received.path}.thumbnail` };
  const stored: string[] = [];
  try {
    const sniffed = (await fileTypeFromFile(received.path))?.mime ?? UNKNOWN_CONTENT_TYPE;
    const image = isInlineImage(sniffed);
    if (options.square && !image) throw notAnImage();
    if (!image) {
      await storage().putFile(key, received.path, sniffed);
      return { content_type: sniffed, size: received.size, width: null, height: null, storage_key: key, thumbnail_key: null };
    }

    const { animated } = await assertPixelsWithin(received.path, options.maxImagePixels);
    const input = { limitInputPixels: options.maxImagePixels, animated: animated && !options.square };
    if (options.square) {
      const info = await writeImage(() =>
        sharp(received.path, input).rotate().resize(SQUARE_SIZE, SQUARE_SIZE, { fit: "cover" }).webp({ quality: 90 }).toFile(outputs.served),
      );
      await storage().putFile(key, outputs.served, "image/webp");
      stored.push(key);
      return { content_type: "image/webp", size: info.size, width: info.width, height: info.height, storage_key: key, thumbnail_key: null };
    }

    // An animation keeps its frames as they are; a still image is turned upright by its EXIF orientation first.
    const served = await writeImage(() => reencode(animated ? sharp(received.path, input) : sharp(received.path, input).rotate(), sniffed).toFile(outputs.served));
    await writeImage(() =>
      sharp(outputs.served, { limitInputPixels: options.maxImagePixels })
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(outputs.thumbnail),
    );
    const height = animated ? (served.pageHeight ?? served.height) : served.height;
    const thumbnailKey = `${key}.thumbnail.webp`;
    await storage().putFile(key, outputs.served, sniffed);
    stored.push(key);
    await storage().putFile(thumbnailKey, outputs.thumbnail, "image/webp");
    stored.push(thumbnailKey);
    return { content_type: sniffed, size: served.size, width: served.width, height, storage_key: key, thumbnail_key: thumbnailKey };
  } catch (error) {
    await storage().delete(stored).catch(() => undefined);
    throw error;
  } finally {
    await Promise.all([received.path, outputs.served, outputs.thumbnail].map((file) => rm(file, { force: true })));
  }
}
