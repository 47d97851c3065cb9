import { endpoints } from "@/lib/api/endpoints";
import { createAttachment } from "@/lib/server/attachments/create-attachment";
import { handle, json } from "@/lib/server/http/route";

// POST /api/attachments – upload a file (multipart, one part named file) to send with a message
export const POST = handle(endpoints.uploadAttachment, async ({ auth, req }) => json(await createAttachment(auth.user.id, req), 201));
