import { purgeDetachedAttachments } from "../attachments/purge-attachments";
import type { BanInput } from "@/lib/validations/moderation";
import { assertOutranks, requirePermission, requireUser } from "../access";
import { recordAudit } from "../audit/record-audit";
import { announceMemberLeft } from "../communities/announce-membership";
import { removeMembership } from "../communities/leave-community";
import { membershipKey } from "../communities/join-community";
import { memberInclude, toCommunityMember } from "../communities/serialize";
import { transaction } from "../db/client";
import { ApiError } from "../errors";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";

/**
 * Bans a user, member or not (a user who is not a member can be banned ahead, as on Discord), with
 * kick's rank rules. A member leaves at once exactly as on a kick: their sockets lose the rooms and
 * the community hears of it. Banning again replaces the reason. With `delete_message_seconds`,
 * their messages in the community's channels from that far back go too, each announced as a
 * normal deletion.
 */
export async function banMember(userId: number, communityId: number, targetId: number, input: BanInput) {
  const actor = await requirePermission(userId, communityId, "moderateMembers", "ban members");
  if (targetId === userId) throw new ApiError("invalid_request", "You cannot ban yourself");
  await requireUser(targetId);
  const reason = input.reason ?? null;
  const { member, deletedMessages } = await transaction(
    async (tx) => {
      const membership = await tx.communityMember.findUnique({
        where: { community_id_user_id: { community_id: communityId, user_id: targetId } },
        include: memberInclude,
      });
      assertOutranks(actor.role, membership?.role ?? null, "ban");
      await tx.communityBan.upsert({
        where: { community_id_user_id: { community_id: communityId, user_id: targetId } },
        create: { community_id: communityId, user_id: targetId, actor_id: userId, reason },
        update: { actor_id: userId, reason },
      });
      const removed = membership && (await removeMembership(tx, targetId, communityId)) ? membership : null;
      const recent = {
        sender_id: targetId,
        channel: { community_id: communityId },
        created_at: { gte: new Date(Date.now() - input.delete_message_seconds * 1000) },
      };
      const messages = input.delete_message_seconds > 0 ? await tx.message.findMany({ where: recent, select: { id: true, channel_id: true } }) : [];
      if (messages.length > 0) await tx.message.deleteMany({ where: recent });
      await recordAudit(tx, {
        communityId, actorId: userId, action: "member_ban_add", targetType: "user", targetId, reason,
        changes: { delete_message_seconds: input.delete_message_seconds, deleted_messages: messages.length },
      });
      return { member: removed && toCommunityMember(removed), deletedMessages: messages };
    },
    { exclusive: membershipKey(targetId) },
  );
  if (member) await announceMemberLeft(communityId, targetId, member);
  for (const message of deletedMessages) emitTo(channelRoom(message.channel_id), "message_deleted", { id: message.id, channel_id: message.channel_id });
  if (deletedMessages.length > 0) await purgeDetachedAttachments();
}
