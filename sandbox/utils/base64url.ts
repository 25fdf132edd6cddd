/**
 * JSON in base64url without padding: the encoding of the sandbox's opaque strings (listing
 * cursors, the parts of its fake WorkOS tokens). Values are ASCII JSON, so btoa/atob suffice.
 */
export const base64UrlJson = (value: object): string =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** The value `base64UrlJson` encoded; throws when `text` is not base64url or not JSON. */
export const parseBase64UrlJson = (text: string): unknown =>
  JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
