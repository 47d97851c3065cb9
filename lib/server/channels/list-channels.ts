import { readableChannelsWhere, requireMember } from "../access";
import { db } from "../db/client";
import { readStates } from "./read-states";
import { toChannelWithReadState } from "./serialize";

/** The channels of a community that the caller can read, in sidebar order, with unread counts. */
export async function listChannels(userId: number, communityId: number) {
  const membership = await requireMember(userId, communityId);
  const channels = await db.channel.findMany({
    where: readableChannelsWhere(userId, communityId, membership.role),
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  const states = await readStates(userId, channels.map((channel) => channel.id));
  return channels.map((channel) => toChannelWithReadState(channel, states.get(channel.id)));
}
