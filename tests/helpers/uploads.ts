import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import type { Attachment } from "../../lib/api/entities";
import type { Api, ApiResponse, TestUser } from "./api";
import { expectStatus } from "./world";

// Files for the upload tests, made here (sharp writes the images), and the upload call itself.

/** A 1×1 PNG, for requests built synchronously. */
export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export async function pngImage(width = 800, height = 600, colour = "#3366cc"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

/** A JPEG whose EXIF names a camera, an owner and where it was taken (GPS). */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: "#aa5522" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "AuraCam", Copyright: "secret-owner" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 29/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 17/1 40/1" },
    })
    .toBuffer();
}

/**
 * A decompression bomb: a valid PNG header declaring 30000 × 30000 pixels (900 megapixels, 2.7 GB
 * decoded) around a few hundred bytes of compressed zeros.
 */
export function pngBomb(side = 30_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = deflateSync(Buffer.alloc((side * 3 + 1) * 4));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", rows), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export function fileForm(bytes: Buffer, filename: string, type = "application/octet-stream", field = "file"): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
  return form;
}

export function uploadRequest(api: Api, user: TestUser, bytes: Buffer, filename: string, type?: string): Promise<ApiResponse<Attachment>> {
  return api.post("/api/attachments", { token: user.token, form: fileForm(bytes, filename, type) });
}

export async function upload(api: Api, user: TestUser, bytes: Buffer, filename: string, type?: string): Promise<Attachment> {
  return (await expectStatus(uploadRequest(api, user, bytes, filename, type), 201, `upload ${filename}`)).body;
}

/** Every file under `dir` (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** The server's stored files: its uploads folder and its folder of files being received. */
export function storedFiles(dataDir: string): string[] {
  return [...filesUnder(path.join(dataDir, "uploads")), ...filesUnder(path.join(dataDir, "incoming"))];
}

export function assertNoMetadata(bytes: Buffer): void {
  assert.equal(bytes.includes(Buffer.from("Exif\0\0")), false, "no EXIF block");
  assert.equal(bytes.includes(Buffer.from("AuraCam")), false, "no camera make");
  assert.equal(bytes.includes(Buffer.from("secret-owner")), false, "no copyright owner");
}
