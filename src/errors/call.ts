/** The call an error belongs to: its method and the spec's path, never the query or the key. */
export interface CallInfo {
  method: string;
  path: string;
}

/** `GET /api/sessions/get: ` in front of a message, when the call is known. */
export function prefix(call: CallInfo | undefined): string {
  return call ? `${call.method} ${call.path}: ` : "";
}
