import type { Metadata } from "next";
import { InviteScreen } from "@/components/invite/invite-screen";
import { getViewer } from "@/lib/server/auth/viewer";

export const metadata: Metadata = { title: "Invite" };

/**
 * An invite link: the preview comes from GET /api/invites/{code} in the browser (rate limited like
 * any API call), so this page only knows whether someone is signed in.
 */
export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const viewer = await getViewer();
  return (
    <main className="flex min-h-full items-center justify-center bg-[radial-gradient(ellipse_at_top,_#4c1d95_0%,_#1e1f22_55%)] px-4 py-12">
      <div className="w-full max-w-md rounded-xl bg-sidebar p-8 text-center shadow-2xl shadow-black/40">
        <InviteScreen code={code} signedIn={viewer !== null} />
      </div>
    </main>
  );
}
