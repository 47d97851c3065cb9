import { z } from "zod";
import { idNumber } from "./common";

export const summarizeChannelSchema = z.strictObject({
  from_message_id: idNumber
    .optional()
    .describe(
      "Summarise from this message on instead of after the caller's read position: the first message that was unread when the app opened the channel (opening it marks it read)",
    ),
});
export type SummarizeChannelInput = z.output<typeof summarizeChannelSchema>;
