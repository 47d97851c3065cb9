import { endpoints } from "@/lib/api/endpoints";
import { readAttachment } from "@/lib/server/attachments/read-attachment";
import { fileResponse, handle } from "@/lib/server/http/route";

// GET /api/attachments/{id}/thumbnail – an image attachment's WebP preview
export const GET = handle(endpoints.getAttachmentThumbnail, async ({ auth, params }) =>
  fileResponse(await readAttachment(auth.user.id, params.id, "thumbnail", null)),
);
