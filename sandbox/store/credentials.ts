/**
 * Who may call the sandbox: its API keys (one user each) and, per user, a fake WorkOS access
 * token, for the operations that take only a WorkOS token (`/api/export/evals`). The tokens have
 * a JWT's shape (header, claims, random signature) but no real signature: only this sandbox
 * accepts them, and only by exact match.
 */
import type { OPERATIONS, OperationKey } from "opensync-api/contract";
import { base64UrlJson } from "../utils/base64url.js";
import { newApiKey, type Random, randomString } from "../utils/random.js";
import type { UserData } from "./store.js";

/** The spec's security schemes that operations accept: "ApiKey", "WorkOSToken". */
export type CredentialKind = (typeof OPERATIONS)[OperationKey]["security"][number];

/**
 * An authenticated caller: the user's data, a stable id (rate limits and faults are per caller), how it proved itself.
 */
export interface Caller {
  user: UserData;
  id: string;
  kind: CredentialKind;
}

const TOKEN_SIGNATURE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export class Credentials {
  /** The accepted API keys, in order; the first is the sandbox's `apiKey`. */
  readonly apiKeys: readonly string[];
  private readonly callers = new Map<string, Caller>();
  private readonly tokens = new Map<string, string>();

  /** `apiKeys`: empty for one key made from `random` (the demo key). */
  constructor(apiKeys: readonly string[], random: Random, newUser: () => UserData) {
    this.apiKeys = apiKeys.length ? [...apiKeys] : [newApiKey(random)];
    this.apiKeys.forEach((key, i) => {
      const user = newUser();
      const id = `user${i}`;
      const token = [
        base64UrlJson({ alg: "none", typ: "JWT" }),
        base64UrlJson({ sub: id, iss: "opensync-sandbox" }),
        randomString(random, 16, TOKEN_SIGNATURE_ALPHABET),
      ].join(".");
      // A key given twice names its last user (as it would in a Map of keys), with that user's token.
      this.callers.set(key, { user, id, kind: "ApiKey" });
      this.tokens.set(key, token);
      this.callers.set(token, { user, id, kind: "WorkOSToken" });
    });
  }

  /** Whom a bearer credential (an API key or a token) belongs to, if anyone. */
  caller(credential: string): Caller | undefined {
    return this.callers.get(credential);
  }

  /** The WorkOS token of the user an API key belongs to. */
  tokenFor(apiKey: string): string {
    const token = this.tokens.get(apiKey);
    if (token === undefined) throw new Error("tokenFor: not a key of this sandbox");
    return token;
  }
}
