// npm run seed:demo — fills an EMPTY database with a few users, a community with channels and a
// conversation, friends and a DM, so a newcomer sees a living app. Uses the same domain functions
// as the API, against the database the server would use (DATA_DIR / DATABASE_URL).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, getConfig } from "../lib/server/config";

export const DEMO_PASSWORD = "auraflow-demo";

const DEMO_USERS = [
  { username: "alice", display_name: "Alice", custom: "Building things in Rust 🦀" },
  { username: "bob", display_name: "Bob", custom: null },
  { username: "carol", display_name: "Carol", custom: "On call this week" },
  { username: "dave", display_name: "Dave", custom: null },
];

async function main() {
  process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { migrateDatabase } = await import("../lib/server/db/migrate");
  const config = getConfig();
  await migrateDatabase(process.cwd(), config.databaseUrl);

  const { closeDatabase, db } = await import("../lib/server/db/client");
  if ((await db.user.count()) > 0) {
    console.error("seed:demo only fills an empty database, and this one already has users. Use a fresh DATA_DIR.");
    process.exit(1);
  }

  const { registerUser } = await import("../lib/server/users/register-user");
  const { updateProfile } = await import("../lib/server/users/update-profile");
  const { createCommunity } = await import("../lib/server/communities/create-community");
  const { joinCommunity } = await import("../lib/server/communities/join-community");
  const { setMemberRole } = await import("../lib/server/communities/set-member-role");
  const { createChannel } = await import("../lib/server/channels/create-channel");
  const { addChannelMember } = await import("../lib/server/channels/add-channel-member");
  const { listChannels } = await import("../lib/server/channels/list-channels");
  const { sendMessage } = await import("../lib/server/messages/send-message");
  const { sendDirectMessage } = await import("../lib/server/direct-messages/send-direct-message");
  const { markRead } = await import("../lib/server/messages/mark-read");
  const { sendFriendRequest } = await import("../lib/server/friends/send-friend-request");
  const { acceptFriendRequest } = await import("../lib/server/friends/accept-friend-request");

  const users = [];
  for (const demo of DEMO_USERS) {
    const user = await registerUser({ username: demo.username, email: `${demo.username}@demo.auraflow.test`, password: DEMO_PASSWORD, display_name: demo.display_name });
    users.push(demo.custom ? await db.user.update({ where: { id: user.id }, data: { custom_status: demo.custom } }) : user);
  }
  const [alice, bob, carol, dave] = users;
  await updateProfile(alice, { custom_status: DEMO_USERS[0].custom });

  const lounge = await createCommunity(alice.id, {
    name: "Auraflow Lounge",
    description: "A place to hang out, ask questions and share what you are building.",
    color: "#7c3aed",
  });
  for (const member of [bob, carol, dave]) await joinCommunity(member.id, lounge.id);
  await setMemberRole(alice.id, lounge.id, bob.id, "admin");

  const [general] = await listChannels(alice.id, lounge.id);
  const announcements = await createChannel(alice.id, lounge.id, { name: "announcements", type: "announcement", description: "News from the team" });
  const random = await createChannel(alice.id, lounge.id, { name: "random", type: "text", description: "Off-topic" });
  const staff = await createChannel(alice.id, lounge.id, { name: "staff", type: "private", description: "Owners and admins" });
  await createChannel(alice.id, lounge.id, { name: "Voice Lounge", type: "voice" });
  await addChannelMember(alice.id, staff.id, { user_id: carol.id });

  const say = async (who: typeof alice, channelId: number, content: string, replyTo?: number) =>
    (await sendMessage(who, { channel_id: channelId, content, reply_to: replyTo, attachment_ids: [] })).message;

  await say(alice, announcements.id, "Welcome to **Auraflow Lounge**! Read #general for the house rules, and say hi.");
  const hello = await say(alice, general.id, "Hi everyone 👋 This is the start of our little corner of the internet.");
  await say(bob, general.id, "Hey Alice! Glad to be here.", hello.id);
  await say(carol, general.id, "Hello hello. Is there a channel for *off-topic* stuff?");
  await say(bob, general.id, "Yes, #random. And the staff channel is private: only admins and people added to it can see it.");
  const question = await say(dave, general.id, "Quick question: how do I format code here?");
  await say(alice, general.id, "Wrap it in backticks for `inline code`, or three backticks for a block:\n```\nfn main() {\n    println!(\"hello, lounge\");\n}\n```", question.id);
  await say(dave, general.id, "Perfect, thanks! Links work too? https://www.rust-lang.org");
  await say(carol, general.id, "They do. **Bold**, *italics* and ~~strikethrough~~ as well.");
  await say(bob, random.id, "Anyone watching the match tonight?");
  await say(carol, random.id, "Only if there's pizza 🍕");
  await say(alice, staff.id, "Let's plan the community call for next week.");
  await say(carol, staff.id, "Thursday works for me.");

  await acceptFriendRequest(bob.id, (await sendFriendRequest(alice.id, { username: "bob" })).request.id);
  await acceptFriendRequest(carol.id, (await sendFriendRequest(alice.id, { username: "carol" })).request.id);
  await sendFriendRequest(dave.id, { username: "alice" });

  const dm = async (from: typeof alice, to: typeof alice, content: string) =>
    sendDirectMessage(from, { receiver_id: to.id, content, attachment_ids: [] });
  // Each reads what the other wrote before answering, as in the app: Alice is left with Bob's last
  // message unread, Bob with nothing.
  await dm(bob, alice, "Hey, do you have a minute to look at my PR?");
  await markRead(alice.id, { user_id: bob.id });
  await dm(alice, bob, "Sure, send me the link.");
  await markRead(bob.id, { user_id: alice.id });
  await dm(bob, alice, "Thanks! It's the one about typing indicators.");

  await closeDatabase();
  console.log(`Demo data created in ${config.databaseProvider === "sqlite" ? config.dataDir : "the PostgreSQL database"}:`);
  console.log(`  users ${DEMO_USERS.map((u) => u.username).join(", ")} — password "${DEMO_PASSWORD}"`);
  console.log(`  community "Auraflow Lounge" with #general, #announcements, #random, a private #staff and a voice channel`);
  console.log("  alice is friends with bob and carol; dave has sent alice a friend request; bob and alice have a DM conversation");
}

main().catch((error) => {
  console.error("seed:demo failed:", error);
  process.exit(1);
});
