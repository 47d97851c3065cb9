import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";

export default async function HomePage() {
  redirect((await getViewer()) ? "/channels/me" : "/login");
}
