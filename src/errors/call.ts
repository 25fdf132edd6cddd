/** The call an error belongs to: its method and the spec's path, never the query or the key. */
export interface CallInfo {
  method: string;
  path: string;
}
