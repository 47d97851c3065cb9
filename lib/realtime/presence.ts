import type { UserStatusEvent } from "./events";

/** A list of people after a user_status event: that user's presence and the profile fields it carries, the rest as they were. */
export function applyUserStatus<Person extends { id: number }>(people: Person[], event: UserStatusEvent): Person[] {
  return people.map((person) =>
    person.id === event.user_id
      ? { ...person, status: event.status, custom_status: event.custom_status, last_seen: event.last_seen, display_name: event.display_name, avatar_url: event.avatar_url }
      : person,
  );
}
