/**
 * A text part, and two /sync/batch bodies the retry tests send: one whose repeat would lose parts, one safe to
 * repeat.
 */
export const part = { type: "text", content: "The refresh handler drops the new token." };

/** A message with parts: a batch that may not be repeated after an ambiguous failure. */
export const withParts = {
  messages: [
    { sessionExternalId: "s", externalId: "s:1", role: "assistant" as const, textContent: "t", parts: [part] },
  ],
};

/** A session and a message without parts: plain upserts, safe to repeat. */
export const withoutParts = {
  sessions: [{ externalId: "s", title: "t" }],
  messages: [{ sessionExternalId: "s", externalId: "s:1", role: "assistant" as const, textContent: "t" }],
};
