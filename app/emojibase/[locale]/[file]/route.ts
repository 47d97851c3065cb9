import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

// GET /emojibase/en/{data.json|messages.json} – the emoji picker's data (frimousse's emojibaseUrl),
// from the installed emojibase-data package: the browser fetches nothing from a CDN.

interface EmojibaseEmoji {
  emoji: string;
  label: string;
  group?: number;
  subgroup?: number;
  version: number;
  tags?: string[];
  skins?: { emoji: string; tone?: number | number[] }[];
}

/** Only the fields the picker reads: ~320 KB instead of emojibase's 775 KB. */
function pickerFields(emojis: EmojibaseEmoji[]) {
  return emojis
    .filter((e) => e.group !== undefined)
    .map(({ emoji, label, group, subgroup, version, tags, skins }) => ({
      emoji,
      label,
      group,
      subgroup,
      version,
      tags,
      ...(skins ? { skins: skins.map(({ emoji, tone }) => ({ emoji, tone })) } : {}),
    }));
}

const FILES: Record<string, (parsed: unknown) => unknown> = {
  "data.json": (parsed) => pickerFields(parsed as EmojibaseEmoji[]),
  "messages.json": (parsed) => parsed,
};

// The installed package does not change under a running server: each file is read once.
const cache = new Map<string, Promise<{ body: string; etag: string }>>();

async function load(file: string) {
  const raw = await readFile(path.join(process.cwd(), "node_modules", "emojibase-data", "en", file), "utf8");
  const body = JSON.stringify(FILES[file](JSON.parse(raw)));
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}

export async function GET(request: Request, context: { params: Promise<{ locale: string; file: string }> }) {
  const { locale, file } = await context.params;
  if (locale !== "en" || !Object.hasOwn(FILES, file)) return new Response("Not found", { status: 404 });
  if (!cache.has(file)) cache.set(file, load(file));
  const { body, etag } = await cache.get(file)!;
  // The picker revalidates its localStorage copy once a session with a HEAD request: the ETag answers it.
  const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=86400", etag };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
