import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { getViewer } from "@/lib/server/auth/viewer";
import { toSelfUser } from "@/lib/server/users/serialize";

export default async function HomePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return <AppShell user={toSelfUser(viewer.user)} />;
}
