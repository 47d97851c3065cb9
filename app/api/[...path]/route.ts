import { ApiError } from "@/lib/server/errors";
import { fail } from "@/lib/server/http/route";

// * /api/<unknown> – JSON 404 instead of the HTML not-found page
const notFound = fail(new ApiError("not_found", "No such API endpoint"));

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
