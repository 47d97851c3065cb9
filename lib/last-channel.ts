/**
 * The channel last opened in each community, so that a community opens where the user left it.
 * Kept in a cookie ("12:34,15:99": community 12 → channel 34, most recent first) that the
 * community page reads on the server; at most 50 communities.
 */
export const LAST_CHANNEL_COOKIE = "last_channels";
const LIMIT = 50;

export function parseLastChannels(value: string | undefined): Map<number, number> {
  const entries = (value ?? "").split(",").flatMap((pair) => {
    const [community, channel] = pair.split(":").map(Number);
    return Number.isSafeInteger(community) && Number.isSafeInteger(channel) && community > 0 && channel > 0 ? [[community, channel] as const] : [];
  });
  return new Map(entries);
}

export function withLastChannel(value: string | undefined, communityId: number, channelId: number): string {
  const rest = [...parseLastChannels(value)].filter(([community]) => community !== communityId);
  return [[communityId, channelId], ...rest].slice(0, LIMIT).map(([community, channel]) => `${community}:${channel}`).join(",");
}
