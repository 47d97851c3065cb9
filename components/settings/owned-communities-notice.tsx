import { useAppState } from "@/components/app/app-state";

/** Why the account cannot be deleted yet: the communities it still owns, by name. */
export function OwnedCommunitiesNotice({ communityIds }: { communityIds: number[] }) {
  const { communities } = useAppState();
  const name = (id: number) => communities.find((community) => community.id === id)?.name ?? `Community #${id}`;
  return (
    <div role="alert" className="space-y-2 rounded-md border border-amber-500/50 bg-amber-500/10 px-3 py-2 text-sm text-strong">
      <p>
        {communityIds.length === 1 ? "You still own a community" : `You still own ${communityIds.length} communities`}. An owner cannot leave:
        delete {communityIds.length === 1 ? "it" : "them"} first (“Delete community” in the community&apos;s menu), then delete your account.
      </p>
      <ul aria-label="Communities you own" className="list-disc pl-5">
        {communityIds.map((id) => (
          <li key={id} className="font-medium">
            {name(id)}
          </li>
        ))}
      </ul>
    </div>
  );
}
