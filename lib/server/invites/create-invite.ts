import { randomInt } from "node:crypto";
import type { CreateInviteInput } from "@/lib/validations/invites";
import { requireMember } from "../access";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { inviteInclude, toInvite } from "./serialize";

const CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CODE_LENGTH = 10;

/** 10 characters drawn uniformly by the CSPRNG: about 59 bits, not guessable and not sequential. */
function newInviteCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** Any member may invite (as Discord's default "create invite" permission allows everyone). */
export async function createInvite(userId: number, communityId: number, input: CreateInviteInput) {
  await requireMember(userId, communityId);
  const expiresAt = input.max_age_seconds === 0 ? null : new Date(Date.now() + input.max_age_seconds * 1000);
  const invite = await transaction(async (tx) => {
    const created = await tx.invite.create({
      data: { code: newInviteCode(), community_id: communityId, inviter_id: userId, max_uses: input.max_uses, expires_at: expiresAt },
      include: inviteInclude,
    });
    await recordAudit(tx, {
      communityId, actorId: userId, action: "invite_create", targetType: "invite", targetId: created.code,
      changes: { max_uses: input.max_uses, max_age_seconds: input.max_age_seconds },
    });
    return created;
  });
  return toInvite(invite);
}
