import { endpoints } from "@/lib/api/endpoints";
import { readAttachment } from "@/lib/server/attachments/read-attachment";
import { fileResponse, handle } from "@/lib/server/http/route";

// GET /api/attachments/{id}/{filename} – the file, to whoever may read its message (Range requests work)
export const GET = handle(endpoints.getAttachment, async ({ auth, params, req }) =>
  fileResponse(await readAttachment(auth.user.id, params.id, "file", req.headers.get("range"))),
);
