import { db } from "../db/client";
import { communityRoom, syncUserRooms, userRoom } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";
import { emitShowingPresence } from "../realtime/presence";
import { postJoinMessage } from "./post-join-message";
import { communityInclude, memberInclude, toCommunity, toCommunityMember } from "./serialize";

/**
 * After a join or an add (every way in: join, invite, add-member): the newcomer's sockets enter the
 * rooms, members hear of it, and the join message goes out.
 */
export async function announceMemberAdded(communityId: number, userId: number) {
  const [member, community] = await Promise.all([
    db.communityMember.findUniqueOrThrow({ where: { community_id_user_id: { community_id: communityId, user_id: userId } }, include: memberInclude }),
    db.community.findUniqueOrThrow({ where: { id: communityId }, include: communityInclude }),
  ]);
  await syncUserRooms(userId);
  const room = communityRoom(communityId);
  await emitShowingPresence([room], "community_member_added", userId, { community_id: communityId, user: toCommunityMember(member) });
  emitTo(room, "community_updated", toCommunity(community, null));
  await postJoinMessage(communityId, member.user);
  return toCommunityMember(member);
}

/** After a leave or a kick (`member` captured before removal): the leaver's sockets leave, members hear of it. */
export async function announceMemberLeft(communityId: number, userId: number, member: ReturnType<typeof toCommunityMember>) {
  await syncUserRooms(userId);
  const event = { community_id: communityId, user: member };
  await emitShowingPresence([communityRoom(communityId), userRoom(userId)], "community_member_left", userId, event);
  const community = await db.community.findUnique({ where: { id: communityId }, include: communityInclude });
  if (community) emitTo(communityRoom(communityId), "community_updated", toCommunity(community, null));
}
