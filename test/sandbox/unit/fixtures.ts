/** Sessions for the sandbox's unit tests, written through the store as the API would write them. */

import { type MessageUpsert, type SessionRecord, type SessionUpsert, UserData } from "../../../sandbox/store/store.js";
import { seededRandom } from "../../../sandbox/utils/random.js";

export interface SessionSpec extends Omit<SessionUpsert, "externalId"> {
  /** Messages in order; each gets `externalId` `<session>:<n>`. */
  messages?: Omit<MessageUpsert, "externalId" | "sessionExternalId">[];
}

/** A store holding the given sessions, written one after another with a clock that ticks 1 s per write. */
export function storeWith(
  sessions: Record<string, SessionSpec>,
  start = Date.parse("2026-01-01T00:00:00Z"),
): { store: UserData; byId: (externalId: string) => SessionRecord } {
  let now = start;
  const store = new UserData(seededRandom(7), () => (now += 1000));
  for (const [externalId, { messages = [], ...fields }] of Object.entries(sessions)) {
    store.upsertSession({ externalId, ...fields });
    for (const [i, message] of messages.entries()) {
      store.upsertMessage({ ...message, externalId: `${externalId}:${i + 1}`, sessionExternalId: externalId });
    }
  }
  return { store, byId: (externalId) => store.sessions.get(externalId)! };
}
