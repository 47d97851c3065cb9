import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { StorageConfig } from "../config";
import { StoredObjectMissing, type ByteRange, type Storage } from "./storage";

// STORAGE=s3: any S3-compatible service. A file goes up as one PutObject streamed from disk with
// its length known, so the SDK neither buffers it nor needs multipart; downloads stream the
// response body through.

type S3Config = Extract<StorageConfig, { driver: "s3" }>;

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey || (error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404));

export function s3Storage(config: S3Config): Storage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 demands them: streamed bodies then go as plain, length-delimited
    // requests, which every S3-compatible service understands.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;
  const keyOf = (key: string) => config.prefix + key;

  return {
    driver: "s3",
    async putFile(key, file, contentType) {
      const { size } = await stat(file);
      try {
        await client.send(new PutObjectCommand({ Bucket, Key: keyOf(key), Body: createReadStream(file), ContentLength: size, ContentType: contentType }));
      } finally {
        await rm(file, { force: true });
      }
    },
    async read(key, range?: ByteRange) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key), Range: range && `bytes=${range.start}-${range.end}` }));
        return object.Body as Readable;
      } catch (error) {
        throw isMissing(error) ? new StoredObjectMissing(key) : error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }))));
    },
  };
}
