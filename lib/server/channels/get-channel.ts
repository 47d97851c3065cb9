import { requireChannelAccess } from "../access";
import { readStates } from "./read-states";
import { toChannelWithReadState } from "./serialize";

export async function getChannel(userId: number, channelId: number) {
  const { channel } = await requireChannelAccess(userId, channelId);
  const states = await readStates(userId, [channel.id]);
  return toChannelWithReadState(channel, states.get(channel.id));
}
