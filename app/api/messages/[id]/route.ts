import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { deleteMessage } from "@/lib/server/messages/delete-message";
import { editMessage } from "@/lib/server/messages/edit-message";

// PUT /api/messages/{id} – edit one's own message
export const PUT = handle(endpoints.editMessage, async ({ auth, params, body }) => json(await editMessage(auth.user.id, params.id, body.content)));

// DELETE /api/messages/{id} – delete a message (author, owner or admin)
export const DELETE = handle(endpoints.deleteMessage, async ({ auth, params }) => json(await deleteMessage(auth.user.id, params.id)));
