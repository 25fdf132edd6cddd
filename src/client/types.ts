/**
 * The client's types: every call is typed from the spec's `paths` (through openapi-fetch's own
 * types), with two additions:
 *   - the data follows the requested format where the spec says which format selects which body
 *     (`x-response-formats`: `GET /api/export` with `format: "markdown"` gives a string);
 *   - bodies and parameters are exact: a property the spec does not have is a type error even
 *     when every required property is there (openapi-fetch alone accepts `titel` next to `externalId`).
 */
import type {
  Client,
  ClientPathsWithMethod,
  FetchResponse,
  MaybeOptionalInit,
  Middleware,
  ParseAsResponse,
} from "openapi-fetch";
import type { HTTP_METHODS, RESPONSE_FORMATS, ResponseFormatBodies } from "../../generated/contract.js";
import type { paths } from "../../generated/schema.js";
import type { RetryOptions } from "../transport/retry-options.js";

/** A method as openapi-fetch's types name it (`"get"`), one for each of the contract's HTTP_METHODS. */
export type HttpMethod = Lowercase<(typeof HTTP_METHODS)[number]>;
type AnyMediaType = `${string}/${string}`;

/** The spec's paths that have `Method`. */
export type PathsWithMethod<Method extends HttpMethod> = ClientPathsWithMethod<Client<paths>, Method>;

/** Options of one call that replace the client's for that call. */
export interface CallOptions {
  /** This call's retry policy, over the client's (`false`: one attempt). */
  retry?: RetryOptions | false | undefined;
  /** This call's per-attempt time limit (`false`: none). */
  timeoutMs?: number | false | undefined;
}

/**
 * `T` where every optional property, at any depth, also takes `undefined`. JSON drops an undefined
 * property, so `{ textContent: text || undefined }` sends what `{}` sends; under
 * `exactOptionalPropertyTypes` the spec's types alone would refuse it.
 */
export type UndefinedWhereOptional<T> = T extends readonly unknown[]
  ? { [I in keyof T]: UndefinedWhereOptional<T[I]> }
  : T extends object
    ? {
        // biome-ignore lint/complexity/noBannedTypes: `{}` extends exactly the picks of optional keys
        [K in keyof T]: {} extends Pick<T, K> ? UndefinedWhereOptional<T[K]> | undefined : UndefinedWhereOptional<T[K]>;
      }
    : T;

/** A call's init with bodies as `UndefinedWhereOptional` makes them and the call options added. */
type WithCallOptions<Init> = Init extends undefined
  ? undefined
  : { [K in keyof Init]: K extends "body" ? UndefinedWhereOptional<Init[K]> : Init[K] } & CallOptions;

/**
 * What a call's second argument may be (params, body, headers, signal, retry, timeoutMs, ...), or
 * undefined when nothing is required.
 */
export type CallInit<Path extends keyof paths, Method extends HttpMethod> = WithCallOptions<
  MaybeOptionalInit<paths[Path], Method>
>;

/**
 * `Given` where every property that `Shape` does not declare, at any depth, becomes `never`, so
 * passing it is an error that points at the property. Unions in `Shape` are matched member by
 * member; `unknown` and `any` accept anything.
 */
export type Exact<Given, Shape> = unknown extends Shape
  ? Given
  : Shape extends readonly (infer Item)[]
    ? Given extends readonly unknown[]
      ? { [I in keyof Given]: Exact<Given[I], Item> }
      : Shape
    : Shape extends object
      ? Given extends object
        ? { [K in keyof Given]: K extends keyof Shape ? Exact<Given[K], Shape[K]> : never }
        : Shape
      : Shape;

/**
 * A call's init as the operation allows it: `body` and `params` exactly as declared, any other key
 * (RequestInit's, openapi-fetch's) as given.
 */
type Strict<Init, Expected> = {
  [K in keyof Init]: K extends "body" | "params"
    ? Exact<Init[K], K extends keyof Expected ? Expected[K] : never>
    : Init[K];
};

/**
 * The rest parameter of a call. `Init` is inferred from the argument against the operation's
 * init type alone, as openapi-fetch does (which keeps literal types such as `role: "user"` and the
 * editor's completions); only an argument that is not exact meets the exact view instead, which
 * TypeScript must not infer from (NoInfer), and fails there, at the offending property.
 */
type CallArgs<Path extends keyof paths, Method extends HttpMethod, Init> = [Init] extends [
  Strict<Init, NonNullable<CallInit<Path, Method>>>,
]
  ? undefined extends CallInit<Path, Method>
    ? [init?: Init]
    : [init: Init]
  : [init: Deferred<Strict<Init, NonNullable<CallInit<Path, Method>>>>];

/** `T`, in a form TypeScript does not infer type arguments from (NoInfer, before TypeScript 5.4). */
type Deferred<T> = [T][T extends unknown ? 0 : never];

// openapi-fetch's FetchResponse takes an operation as `Record<string | number, any>` and the call's
// options as an object type: these are its own constraints, spelt as it spells them.
type Operation<Path extends keyof paths, Method extends HttpMethod> = paths[Path][Method] &
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's constraint on an operation
  Record<string | number, any>;
type Responses<Path extends keyof paths, Method extends HttpMethod> = FetchResponse<
  Operation<Path, Method>,
  // biome-ignore lint/complexity/noBannedTypes: no call options, as openapi-fetch writes it
  {},
  AnyMediaType
>;

/** The success data of an operation, every media type it declares. */
export type SuccessData<Path extends keyof paths, Method extends HttpMethod> = Exclude<
  Responses<Path, Method>["data"],
  undefined
>;
/** The error body of an operation: the envelope. */
export type ErrorData<Path extends keyof paths, Method extends HttpMethod> = Exclude<
  Responses<Path, Method>["error"],
  undefined
>;

type QueryOf<Init> = Init extends { params?: infer Params }
  ? Params extends { query?: infer Query }
    ? Query
    : undefined
  : undefined;
type ValueOf<Query, Name extends string> = Query extends object
  ? Name extends keyof Query
    ? Query[Name]
    : undefined
  : undefined;

/** The body a format value selects: a known value its own, none the default's, anything else any of them. */
type Selected<Bodies, Value, Default extends keyof Bodies> = [Value] extends [never]
  ? Bodies[Default]
  : Value extends keyof Bodies
    ? Bodies[Value]
    : Value extends undefined
      ? Bodies[Default]
      : Bodies[keyof Bodies];

type Key<Method extends HttpMethod, Path> = `${Uppercase<Method>} ${Path & string}`;
type Formats = typeof RESPONSE_FORMATS;

/** The data of a call: by the requested format where the spec has formats, as parsed by `parseAs` when given. */
export type CallData<Path extends keyof paths, Method extends HttpMethod, Init> = DataFor<
  Path,
  Method,
  Given<Path, Method, Init>
>;

type DataFor<Path extends keyof paths, Method extends HttpMethod, Init> = ParsedAs<
  Key<Method, Path> extends keyof ResponseFormatBodies & keyof Formats
    ? Selected<
        ResponseFormatBodies[Key<Method, Path>],
        ValueOf<QueryOf<Init>, Formats[Key<Method, Path>]["parameter"]>,
        Formats[Key<Method, Path>]["default"] & keyof ResponseFormatBodies[Key<Method, Path>]
      >
    : SuccessData<Path, Method>,
  Init
>;

/**
 * The init the caller gave, or `never` for none: without an argument TypeScript takes the
 * constraint itself for `Init` (a default type argument would cost editors their completions).
 */
type Given<Path extends keyof paths, Method extends HttpMethod, Init> =
  CallInit<Path, Method> extends Init ? never : Init;

/** openapi-fetch's `parseAs` result; `never` is a call without init. */
type ParsedAs<Data, Init> = [Init] extends [never] ? Data : ParseAsResponse<Data, Init>;

/** What a call resolves to: `data` on success, `error` (the envelope) otherwise, and the response. */
export type OpenSyncResult<Data, ErrorBody> =
  | { data: Data; error?: never; response: Response }
  | { data?: never; error: ErrorBody; response: Response };

type Verb<Method extends HttpMethod> = <Path extends PathsWithMethod<Method>, Init extends CallInit<Path, Method>>(
  url: Path,
  ...init: CallArgs<Path, Method, Init>
) => Promise<OpenSyncResult<CallData<Path, Method, Init>, ErrorData<Path, Method>>>;

/** `GET(url, init)`, `POST(url, init)`, ...: one function per HTTP method. */
type VerbFunctions = { [Method in HttpMethod as Uppercase<Method>]: Verb<Method> };

/**
 * The client: one method per HTTP verb, `request(method, path, init)`, and openapi-fetch's
 * middleware (`use`, `eject`). Result style by default; wrap a call in `unwrap` to throw instead.
 */
export interface OpenSyncClient extends VerbFunctions {
  request<Method extends HttpMethod, Path extends PathsWithMethod<Method>, Init extends CallInit<Path, Method>>(
    method: Method,
    url: Path,
    ...init: CallArgs<Path, Method, Init>
  ): Promise<OpenSyncResult<CallData<Path, Method, Init>, ErrorData<Path, Method>>>;
  /** Registers openapi-fetch middleware (onRequest runs once per call, onResponse sees the final response). */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}
