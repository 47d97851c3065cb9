import type { InvitePreview } from "@/lib/api/entities";
import { localMoment } from "@/lib/format";

/** The community an invite leads to: icon, name, description, size, who invited and until when. */
export function InviteCard({ preview }: { preview: InvitePreview }) {
  const { community, inviter, expires_at } = preview;
  return (
    <div className="flex flex-col items-center">
      <span className="grid size-20 place-items-center overflow-hidden rounded-3xl bg-aura-600 text-2xl font-semibold text-white">
        {community.icon ? (
          // eslint-disable-next-line @next/next/no-img-element -- user-supplied icon URL
          <img src={community.icon} alt="" className="size-full object-cover" referrerPolicy="no-referrer" />
        ) : (
          <span aria-hidden>{community.name.slice(0, 2).toUpperCase()}</span>
        )}
      </span>
      <p className="mt-4 text-sm text-muted">{inviter ? `${inviter.display_name} invited you to join` : "You've been invited to join"}</p>
      <h1 className="mt-1 text-2xl font-semibold break-words text-strong">{community.name}</h1>
      {community.description && <p className="mt-2 text-sm break-words text-normal">{community.description}</p>}
      <p className="mt-3 text-sm text-muted">
        {community.member_count} member{community.member_count === 1 ? "" : "s"}
        {" · "}
        {expires_at ? `Invite expires ${localMoment(expires_at)}` : "Invite never expires"}
      </p>
    </div>
  );
}
