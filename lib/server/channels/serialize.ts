import type { Channel as ChannelDto, ChannelWithReadState } from "@/lib/api/entities";
import type { Channel } from "../db/generated/client";
import { iso } from "../users/serialize";

export function toChannel(row: Channel): ChannelDto {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    description: row.description,
    created_at: iso(row.created_at),
    community_id: row.community_id,
    position: row.position,
    rate_limit_per_user: row.rate_limit_per_user,
  };
}

export interface ReadState {
  unread_count: number;
  mention_count: number;
  last_message_id: number | null;
}

export function toChannelWithReadState(row: Channel, state: ReadState | undefined): ChannelWithReadState {
  return {
    ...toChannel(row),
    unread_count: state?.unread_count ?? 0,
    last_message_id: state?.last_message_id ?? null,
    mention_count: state?.mention_count ?? 0,
  };
}
