import { endpoints } from "@/lib/api/endpoints";
import { deleteDirectMessage } from "@/lib/server/direct-messages/delete-direct-message";
import { editDirectMessage } from "@/lib/server/direct-messages/edit-direct-message";
import { handle, json } from "@/lib/server/http/route";

// PUT /api/messages/direct/message/{id} – edit one's own direct message
export const PUT = handle(endpoints.editDirectMessage, async ({ auth, params, body }) => json(await editDirectMessage(auth.user.id, params.id, body.content)));

// DELETE /api/messages/direct/message/{id} – delete one's own direct message
export const DELETE = handle(endpoints.deleteDirectMessage, async ({ auth, params }) => json(await deleteDirectMessage(auth.user.id, params.id)));
