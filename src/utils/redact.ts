/** Anything shaped like an OpenSync API key, whoever's it is. */
const API_KEY_SHAPE = /osk_[\w-]{4,}/g; // \w is [A-Za-z0-9_]

/** Removes the given secret and anything shaped like an API key from text meant for people. */
export function redact(text: string, secret?: string): string {
  const scrubbed = secret ? text.replaceAll(secret, "[redacted]") : text;
  return scrubbed.replace(API_KEY_SHAPE, "osk_[redacted]");
}
