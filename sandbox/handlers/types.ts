/**
 * What a handler is, per operation, typed from the generated `paths`: its validated query and
 * body, the caller's data when the operation needs credentials (an operation without security,
 * such as /health, gets no user), and the JSON of its success answer. A handler returns that
 * JSON (the router sends it) or a Response of its own (other media types, extra headers).
 */
import type { OPERATIONS, OperationKey } from "opensync-api/contract";
import type { paths } from "opensync-api/schema";
import type { SandboxContext } from "../http/node.js";
import type { Caller } from "../store/credentials.js";
import type { UserData } from "../store/store.js";

type MethodOf<K extends OperationKey> = K extends `${infer M} ${string}` ? Lowercase<M> : never;
type PathOf<K extends OperationKey> = K extends `${string} ${infer P extends keyof paths}` ? P : never;

/** The generated operation type for `METHOD /path`. */
export type Operation<K extends OperationKey> = paths[PathOf<K>][MethodOf<K> & keyof paths[PathOf<K>]];

/** The query parameters after validation (typed as the spec declares them); `{}` when it takes none. */
export type Query<K extends OperationKey> =
  Operation<K> extends { parameters: { query?: infer Q } }
    ? [Q] extends [undefined]
      ? Record<string, never>
      : NonNullable<Q>
    : never;

/** The request body after validation; `undefined` when it takes none. */
export type Body<K extends OperationKey> =
  Operation<K> extends { requestBody: { content: { "application/json": infer B } } } ? B : undefined;

/** The JSON of the 200 answer. */
export type Reply<K extends OperationKey> =
  Operation<K> extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

/** Operations that take credentials; the others (no `security`) are served to anyone. */
type Authenticated<K extends OperationKey> = (typeof OPERATIONS)[K]["security"] extends readonly [] ? false : true;

export type OperationRequest<K extends OperationKey> = {
  c: SandboxContext;
  query: Query<K>;
  body: Body<K>;
} & (Authenticated<K> extends true ? { user: UserData; caller: Caller } : unknown);

export type Handler<K extends OperationKey> = (
  request: OperationRequest<K>,
) => Reply<K> | Response | Promise<Reply<K> | Response>;

/** Handlers for a group of operations, one each. */
export type Handlers<K extends OperationKey> = { [P in K]: Handler<P> };
