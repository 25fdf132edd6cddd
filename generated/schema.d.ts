export interface paths {
    "/sync/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or update a session
         * @description Upserts the session identified by (`externalId`, your account). `sessionId` is an older
         *     name for the key, used when `externalId` is absent (see `SessionUpsert`). Deployed
         *     servers key by `externalId || sessionId` (the server's HTTP router): an `externalId` of
         *     `null`, `0` or `false` gives way to `sessionId`, and the one not used is never checked.
         *
         *     On insert, missing tokens and cost are 0, a missing `source` is `opencode`, `cursor` is
         *     stored as `cursor-sync`, and `createdAt` is honoured (otherwise the server's time is
         *     used). On update only the fields you send change; `createdAt` never does. Keys not listed
         *     here are ignored. Sending the same body twice is harmless: the second send is skipped or
         *     writes the same values.
         *
         *     Deployed servers (the server's sessions module, single upsert) also do the following,
         *     which the sandbox reproduces in its deployed mode only:
         *
         *     - **Updates skipped within 10 s.** An update is skipped, answered with 200 and the
         *       session's id, when `title`, `model` and `projectPath` each equal the stored value (one
         *       left out is equal only if the stored one is unset too), `promptTokens` and
         *       `completionTokens` are each left out, 0 or equal to the stored value, and the session
         *       was written less than 10 s earlier (inserting a message into it, or writing one with
         *       text parts, counts as a write). Everything else the update carries is lost: a final
         *       update that changes only `cost` or `durationMs` right after the last message is
         *       dropped. Send it again once 10 s have passed, or with a changed compared field.
         *     - **Tokens of 0 are never written.** On update, `promptTokens` and `completionTokens`
         *       are written only when above 0; 0 or a negative number leaves the stored count. When
         *       either is above 0, `totalTokens` becomes `(promptTokens || stored) + (completionTokens
         *       || stored)` as sent, so a negative count left unwritten still enters the total. JSON
         *       `1e400` is Infinity, stored, and returned as `null`.
         *     - **A title change resets the full-text search text** to the title alone: the text of
         *       messages synced earlier no longer matches in full-text search (messages written
         *       afterwards are added again).
         *     - **`cursor` becomes `cursor-sync` on insert only.** An update stores `source` as sent,
         *       so a later `cursor` replaces `cursor-sync` (eval exports filter on `source` exactly).
         *     - **Only this route makes a session findable by meaning.** After every call, skipped
         *       ones included, the server embeds the session's title and its messages' text as they
         *       are at that moment (`textContent`, else text parts; 8,000 characters) for semantic and
         *       hybrid search and RAG context. A session never sent here is never found by them, and
         *       messages written after its last call here are not part of its embedding.
         */
        post: operations["upsertSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or update a message
         * @description Upserts the message identified by `externalId` inside the session
         *     `sessionExternalId`, creating that session when it does not exist yet (with the
         *     message's `model`, its `source` as `/sync/session` stores it, and the server's time).
         *     `parts` replace the message's stored parts; an update without `parts` leaves it with
         *     none. `createdAt` is honoured on insert (otherwise the server's time is used). An update
         *     changes `textContent`, `model`, `promptTokens`, `completionTokens` and `durationMs` (each
         *     only when sent) and the parts; it never changes the message's `role`, `createdAt` or
         *     session. A message's tokens stay on the message: they are never added to the session's
         *     totals. Keys not listed here are ignored.
         *
         *     The text of `text` parts (a string `content`, or `{text}`, or `{content}`) is added to
         *     the session's full-text search text; `textContent` is not, so a message sent with
         *     `textContent` alone is not found by full-text search.
         *
         *     Deployed servers (the server's messages module, single upsert) also do the following,
         *     which the sandbox reproduces in its deployed mode only:
         *
         *     - **Writes ignored within 5 s of the message's `createdAt`.** A write to a message whose
         *       stored `createdAt` is less than 5 s before the server's clock changes nothing and
         *       answers 200 with the message's id. A message inserted with the server's time cannot
         *       be updated for 5 s; one inserted with a `createdAt` in the past is never held back;
         *       one with a `createdAt` in the future cannot be updated until 5 s after that time.
         *     - **Message `externalId`s are looked up across all accounts.** A write whose
         *       `externalId` is another account's message updates that message, and replaces its
         *       parts, in the other account's session. Make them globally unique, for example
         *       `<sessionExternalId>:<n>`. The session the write names is looked up first, and
         *       created when missing, even though the message stays where it is; the text parts are
         *       added to the named session's search text.
         *     - **The search text grows on every write.** Text parts are appended to the session's
         *       full-text search text on updates too (the first 10,000 characters are kept), so
         *       sending a message again repeats its words there.
         *
         *     It stays `x-idempotent` all the same: see Retry strategy for why.
         */
        post: operations["upsertMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upsert many sessions and messages
         * @description Upserts sessions first, then messages, each array in one transaction. Items are
         *     validated strictly: one unknown key rejects its whole array, and the failure is
         *     reported in `errors` of a 200 response (`ok` stays `true`). `createdAt` is not
         *     accepted here: batch inserts take the server's time. `sessions` and `messages` count
         *     the items inserted or updated.
         *
         *     **A batch deletes the parts of the messages it updates.** A message that already
         *     exists is updated and its stored parts are deleted, and the parts the batch carries
         *     are not inserted (the server's messages module, batch upsert; the sandbox does the same
         *     in both modes). Send updates of messages with parts through `/sync/message`, which
         *     replaces them. Repeating a batch is therefore not always harmless: a repeat of a batch
         *     that carried parts updates the messages the first send inserted and loses their parts.
         *     Hence `x-idempotent: false`, qualified by `x-repeatable-without: ["messages[].parts"]`:
         *     a batch in which no message has a non-empty `parts` is safe to repeat (sessions and
         *     messages without parts are plain upserts); a batch with parts must not be repeated
         *     after a timeout, a cut connection or a 5xx. A 429 may always be retried.
         *
         *     Deployed servers also do the following, which the sandbox reproduces in its deployed
         *     mode only:
         *
         *     - **Sessions skipped within 10 s, by a rule of their own** (the server's sessions
         *       module, batch upsert): a session whose `title` and `model` equal the stored ones and
         *       whose `promptTokens` is left out, 0 or equal is skipped when the session was written
         *       less than 10 s earlier. Unlike `/sync/session`, `projectPath` and `completionTokens`
         *       are not compared. A skipped session is not counted in `sessions`.
         *     - **Session updates write every field sent**, `source` as sent (no `cursor-sync`), and
         *       leave the full-text search text alone (a title change does not reset it); tokens of
         *       0 are not written. A batch never embeds a session (see `/api/search`).
         *     - **Messages ignored within 5 s of their `createdAt`**, which for a message a batch
         *       inserted is the time of that batch; an ignored message is not counted in `messages`.
         *       Message `externalId`s are looked up across all accounts, as on `/sync/message`.
         *     - **Only inserted messages add search text**: their text parts are appended to their
         *       session's full-text search text (10,000 characters at most); updated ones add none.
         *     - **Each array is one Convex transaction** (the server's sessions and messages modules,
         *       batch upsert), within Convex's per-transaction limits: 4,096 index ranges read,
         *       16,000 documents written, 16 MiB read and written. A session reads one range and
         *       writes one document; a message reads one range (two when it is an update, which also
         *       reads, and deletes, its stored parts) and writes itself and each of its parts; each
         *       session named by the messages reads one range and writes up to two documents. Hence
         *       `maxItems`: 4,000 sessions (8,000 reads and writes at most), 1,000 messages (at most
         *       3,000 ranges even when every message is an update of its own session); and the
         *       messages of one batch may write at most 16,000 documents: one per message, one per
         *       part, two per session they name. A batch over a limit is refused whole inside the 200.
         *     - **Values Convex refuses** (see Deployed servers, What Convex refuses): one key of one
         *       part that is not a valid field name refuses the whole `messages` array (`Messages
         *       batch error: Error: Field name ...` in `errors`); one part over 1 MiB fails only its
         *       message, after the message row was inserted: the message stays, without its parts,
         *       and is not counted in its session's `messageCount`.
         *     - **The same `externalId` twice in one batch is two inserts.** Items are read and
         *       written in parallel (`Promise.all` in the sessions and messages modules): every
         *       item's read runs before any item's write, so a second copy does not see the first and
         *       inserts a second session or message with the same `externalId`. Later reads find one
         *       of them. Send one version of each record per batch (the outbox does).
         */
        post: operations["batchUpsert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sync/sessions/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the external IDs of all your sessions
         * @description Returns the `externalId` of every session of the account, in creation order, so a sync
         *     plugin can tell which local sessions still need pushing. Accepts API keys only.
         */
        get: operations["listSessionExternalIds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions
         * @description Lists your sessions, most recently updated first. `cursor` and `source` are newer
         *     parameters: deployed servers ignore both and return one page without `nextCursor`, and
         *     leave `source` out of each session.
         */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one session with its messages
         * @description Returns the session and all its messages (oldest first), each with its parts in order.
         *     The published docs name this `GET /api/sessions/{id}`; servers serve it here.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search sessions
         * @description Full-text search ranks sessions by their search text (their title and the text of their
         *     text parts). Semantic search ranks them by embedding similarity, and hybrid merges both
         *     lists by reciprocal-rank fusion. The two kinds of hit differ in shape (`id` vs `_id`); a
         *     hybrid result mixes them. The published docs describe `POST /search`; servers serve this.
         *
         *     What each kind finds on deployed servers (the server's API module, over the sessions'
         *     search and vector indexes), which the sandbox reproduces in its deployed mode only (its
         *     default mode searches every session's current title and messages):
         *
         *     - **Full-text** searches each session's search text: its title, then the text of
         *       `text` parts (a string `content`, `{text}` or `{content}`) appended as `/sync/message`
         *       writes them (on every write, so a repeated write repeats words) and as `/sync/batch`
         *       inserts them, capped at 10,000 characters: text past the cap is never searched.
         *       `textContent` and other part types are not searched, and a title change through
         *       `/sync/session` resets the search text to the title. At most 16 terms count; the last
         *       matches as a prefix.
         *     - **Semantic and hybrid** find only sessions that have an embedding, made after each
         *       `/sync/session` call from the title and the messages' text of that moment (8,000
         *       characters). A session synced only through `/sync/batch` or `/sync/message` is never
         *       found by semantic search, nor by the semantic half of hybrid; messages written after a
         *       session's last `/sync/session` call are not part of its embedding. They return the
         *       nearest embedded sessions however far, with no threshold: a query sharing no word with
         *       any session still finds up to `limit`. The embedding is made in the background after
         *       `/sync/session` answers, so a search right after it may miss the session. When the
         *       semantic half fails, hybrid fails as a whole (500); a server deployed without an
         *       embeddings key (`OPENAI_API_KEY`) fails every semantic, hybrid and context search so
         *       (`opensync-sandbox --deployed --no-embeddings`).
         *     - No `score` is sent.
         */
        get: operations["searchSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get RAG context for a query
         * @description Finds the sessions most similar to `q` (semantic search) and returns the last 10
         *     messages of each, as one prompt-ready text or as chat messages. A message's text is its
         *     text parts, else its `textContent`. Servers treat any `format` other than `text` as
         *     `messages`. On deployed servers, as semantic search, it finds only sessions embedded
         *     after a `/sync/session` call (see `/api/search`).
         */
        get: operations["getContext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export one session
         * @description Exports one session as JSON (default), as a Markdown document (`text/markdown`,
         *     served as an attachment) or as JSONL wrapped in JSON (`{content, filename}`).
         *     Servers treat any other `format` as `json`. `x-response-formats` says which media type
         *     and schema each `format` selects.
         *
         *     A message's text is the text of its `text` parts, else its `textContent`; tool parts are
         *     left out. In Markdown each message is headed `## User` for the `user` role and
         *     `## Assistant` for every other role (`system`, `tool` and `unknown` included). The file
         *     name (`Content-Disposition` of the Markdown, `filename` of the JSONL) is the title with
         *     every character outside `A-Z`, `a-z` and `0-9` replaced by `-`
         *     (`Fix authentication bug` gives `Fix-authentication-bug.md`), or `session` without a
         *     title. Deployed servers send the Markdown answer without any CORS header, so a page on
         *     another origin cannot read it, as `text/markdown` without a charset; they write each
         *     text part followed by a blank line (a message without text parts: its `textContent`),
         *     so the document ends with a blank line (the server's api module, session export).
         */
        get: operations["exportSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export/evals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export an evaluation dataset
         * @description Exports your eval-ready sessions as test cases for DeepEval, OpenAI evals, promptfoo
         *     or plain files. Only messages' `textContent` is used and system messages are dropped.
         *     The published docs describe this as `GET /api/export?format=deepeval`; servers serve it
         *     here, with these parameters. In the sandbox, every session with a user message followed
         *     by an assistant reply is eval-ready. `x-response-formats` says which media type and
         *     schema each `format` selects.
         *
         *     Needs a WorkOS access token. This contract refuses API keys with 403. Deployed servers
         *     (the server's HTTP router and evals module) let API keys through authentication, check
         *     `format` (400), answer `No eval-ready sessions found` and then `No sessions match the
         *     specified filters` (404) when those apply, and only then fail with 500, because making
         *     the dataset needs the caller's WorkOS identity: an API key never gets a dataset. The
         *     sandbox's deployed mode answers API keys so. They check `turn_mode` only at that point
         *     too: an invalid one is a 500 after the 404s, never before. Their dataset answer carries
         *     `Access-Control-Allow-Origin: *` and no other CORS header.
         */
        get: operations["exportEvals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get usage totals
         * @description Totals over all your sessions, and the same per model.
         *
         *     On deployed servers (the server's api module, stats) each session's `model` becomes a
         *     key of `modelUsage` (`unknown` when it is empty or absent), and Convex refuses a
         *     returned key that is not a valid field name (see Deployed servers, What Convex
         *     refuses): once one session's model starts with `$`, holds a character outside ASCII
         *     32-126 or is longer than 1,024 characters, every `/api/stats` call of the account
         *     answers 500. `ModelName`'s pattern keeps such names out.
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check liveness
         * @description Answers while the server is up. Needs no authentication and is not rate limited.
         *     Its only 400 is the sandbox's, for a malformed `X-Sandbox-Fault` header.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The envelope of every error response. Branch on `error.code`, not on the message.
         *     Clients must tolerate codes they do not know yet and fall back to the HTTP status.
         * @example {
         *       "error": {
         *         "code": "UNAUTHORIZED",
         *         "message": "Invalid or missing API key"
         *       }
         *     }
         */
        ErrorResponse: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /**
                 * @description A human-readable explanation; its wording may change.
                 * @example Invalid or missing API key
                 */
                message: string;
            };
        };
        /**
         * @description Machine-readable error code: one of the `KnownErrorCode`s, or a code added by a server
         *     newer than this contract. The set is open on purpose, so that strictly generated
         *     clients accept new codes: treat an unknown code by its HTTP status.
         * @example NOT_FOUND
         */
        ErrorCode: components["schemas"]["KnownErrorCode"] | string;
        /**
         * @description The error codes this version of the contract defines, listed for autocompletion and
         *     for handling each one. Not the whole set: see `ErrorCode`.
         * @example NOT_FOUND
         * @enum {string}
         */
        KnownErrorCode: "UNAUTHORIZED" | "INVALID_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "RATE_LIMITED" | "INTERNAL_ERROR";
        /**
         * @description Who wrote a message.
         * @example assistant
         * @enum {string}
         */
        Role: "user" | "assistant" | "system" | "tool" | "unknown";
        /**
         * @description The tool that synced a session. Free-form; known values are `opencode` (the default
         *     when none is sent), `claude-code`, `codex-cli`, `cursor-sync` (servers store `cursor`
         *     as `cursor-sync` when they create the session; deployed servers store an update's
         *     `cursor` as sent), `factory-droid` and `pi`.
         * @example opencode
         * @example claude-code
         * @example codex-cli
         * @example cursor-sync
         * @example factory-droid
         * @example pi
         */
        Source: string;
        /**
         * Format: int64
         * @description Unix epoch time in milliseconds. The sandbox requires a whole number from 0 to the
         *     last millisecond of year 9999; deployed servers accept any number.
         * @example 1767225600000
         */
        EpochMillis: number;
        /**
         * Format: int64
         * @description A number of tokens. The sandbox requires a whole number from 0 to 2^53 - 1; deployed
         *     servers accept any number.
         * @example 1200
         */
        TokenCount: number;
        /**
         * Format: int64
         * @description A duration in milliseconds. The sandbox requires a whole number from 0 to 2^53 - 1;
         *     deployed servers accept any number.
         * @example 95000
         */
        DurationMs: number;
        /**
         * @description Cost in US dollars. The sandbox requires 0 or more; deployed servers accept any number.
         * @example 0.0421
         */
        Cost: number;
        /**
         * @description The model's name, as the coding tool reports it.
         * @example claude-sonnet-4
         */
        ModelName: string;
        /**
         * Format: date
         * @description A calendar date, `YYYY-MM-DD`.
         * @example 2026-01-01
         */
        FullDate: string;
        /**
         * @description A number of tokens, as stored. Any number (deployed servers store floats and negatives a client sent).
         * @example 1200
         */
        StoredTokenCount: number;
        /**
         * @description Cost in US dollars, as stored. Any number (deployed servers store what a client sent).
         * @example 0.0421
         */
        StoredCost: number;
        /**
         * @description A duration in milliseconds, as stored. Any number (deployed servers store floats and negatives a client sent).
         * @example 95000
         */
        StoredDurationMs: number;
        /**
         * @description Unix epoch time in milliseconds, as stored. Any number (a client may have set it, and deployed servers keep any number).
         * @example 1767225600000
         */
        StoredTimestamp: number;
        /**
         * @description A count kept as a stored number, or a total of stored numbers. Any number (deployed servers type it `v.number()`).
         * @example 2
         */
        StoredCount: number;
        /**
         * Format: int64
         * @description A count the server makes as it answers (items found, sessions considered), so always a whole number.
         * @example 2
         */
        ServerCount: number;
        /**
         * Format: int64
         * @description Unix epoch time in milliseconds, from the server's clock.
         * @example 1767225602000
         */
        ServerTimestamp: number;
        /**
         * @description One part of a message, as a client sends it: exactly `type` and `content`, nothing
         *     else. `text` parts carry a string (or `{text}`); they are the only parts indexed for
         *     search and used in exports. Tool calls go inside `content`, e.g.
         *     `{"type":"tool-call","content":{"name":"bash","args":{}}}`. What servers return is a
         *     `StoredMessagePart`.
         * @example {
         *       "type": "text",
         *       "content": "The refresh handler drops the new token."
         *     }
         */
        MessagePart: {
            /**
             * @description `text`, `tool-call`, `tool-result`, or any other label.
             * @example text
             * @example tool-call
             * @example tool-result
             */
            type: string;
            /**
             * @description The part's payload: any JSON value except null (a string, number, boolean, object
             *     or array). The sandbox refuses null; deployed servers store it (see
             *     `StoredMessagePart`). A string holds at most 1,000,000 characters, an array at most
             *     8,192 elements.
             *
             *     Deployed servers store it as sent in a document of its own (the server's messages
             *     module), under Convex's rules (see Deployed servers, What Convex refuses): every
             *     object key inside it, at any depth, is at most 1,024 characters, does not start with
             *     `$` and holds only ASCII 32-126, or the whole message (in a batch, the whole
             *     `messages` array) is refused; and the part, as stored, is at most 1 MiB. Rename such
             *     keys before sending (e.g. `$schema` to `schema`): the `opensync-api` client refuses
             *     them at the call, naming the key's path.
             */
            content: string | number | boolean | {
                [key: string]: unknown;
            } | unknown[];
        };
        /**
         * @description One part of a stored message, as servers return it. Deployed servers store any
         *     `content` (`v.any()`), so a part another client wrote may have `content: null` or an
         *     empty `type`.
         * @example {
         *       "type": "text",
         *       "content": "The refresh handler drops the new token."
         *     }
         */
        StoredMessagePart: {
            /**
             * @description `text`, `tool-call`, `tool-result`, any other label, or empty.
             * @example text
             * @example tool-call
             * @example tool-result
             */
            type: string;
            /** @description The part's payload, any JSON value, null included. */
            content: string | number | boolean | {
                [key: string]: unknown;
            } | unknown[] | null;
        };
        /** @description Optional session fields shared by the single and batch upserts. */
        SessionFields: {
            title?: string;
            projectPath?: string;
            projectName?: string;
            model?: components["schemas"]["ModelName"];
            provider?: string;
            source?: components["schemas"]["Source"];
            promptTokens?: components["schemas"]["TokenCount"];
            completionTokens?: components["schemas"]["TokenCount"];
            cost?: components["schemas"]["Cost"];
            /** @description Wall time of the session in milliseconds. */
            durationMs?: components["schemas"]["DurationMs"];
        };
        /**
         * @description Your tool's own identifier; the upsert key, unique per account.
         * @example ses_01HZX3K9QF
         */
        ExternalId: string;
        /**
         * @deprecated
         * @description The older name of a session's `externalId`, used only when `externalId` is absent.
         * @example ses_01HZX3K9QF
         */
        SessionIdAlias: string;
        /** @description Every field of `SessionUpsert`, whichever key it is sent with. */
        SessionUpsertFields: components["schemas"]["SessionFields"] & {
            externalId?: components["schemas"]["ExternalId"];
            /** @deprecated */
            sessionId?: components["schemas"]["SessionIdAlias"];
            createdAt?: components["schemas"]["EpochMillis"];
        };
        /**
         * @description A session to create or update, keyed by `externalId`. Deployed servers (the server's HTTP
         *     router, session route) also take the key as `sessionId`, the name claude-code-sync sends,
         *     when `externalId` is absent or empty: so one of the two is required. When both are sent,
         *     `externalId` is the key. Other keys are ignored by servers.
         */
        SessionUpsert: (components["schemas"]["SessionUpsertFields"] & {
            externalId: components["schemas"]["ExternalId"];
        }) | (components["schemas"]["SessionUpsertFields"] & {
            sessionId: components["schemas"]["SessionIdAlias"];
        });
        /** @description A session inside `/sync/batch`. Strict: any other key rejects the array. */
        BatchSession: components["schemas"]["SessionFields"] & {
            externalId: components["schemas"]["ExternalId"];
        };
        /** @description Message fields shared by the single and batch upserts. */
        MessageFields: {
            sessionExternalId: components["schemas"]["ExternalId"];
            /**
             * @description The message key. Make it globally unique, e.g. `<sessionExternalId>:<n>`: deployed
             *     servers look it up across all accounts (see `/sync/message`).
             */
            externalId: string;
            role: components["schemas"]["Role"];
            textContent?: string;
            model?: components["schemas"]["ModelName"];
            source?: components["schemas"]["Source"];
            promptTokens?: components["schemas"]["TokenCount"];
            completionTokens?: components["schemas"]["TokenCount"];
            durationMs?: components["schemas"]["DurationMs"];
            parts?: components["schemas"]["MessagePart"][];
        };
        /** @description A message to create or update. Other top-level keys are ignored by servers. */
        MessageUpsert: components["schemas"]["MessageFields"] & {
            createdAt?: components["schemas"]["EpochMillis"];
        };
        /** @description A message inside `/sync/batch`. Strict: any other key rejects the array. */
        BatchMessage: components["schemas"]["MessageFields"];
        /** @description Sessions and messages to upsert. Either array may be left out. */
        BatchUpsert: {
            sessions?: components["schemas"]["BatchSession"][];
            messages?: components["schemas"]["BatchMessage"][];
        };
        SessionUpsertResult: {
            /** @constant */
            ok: true;
            /** @description The session's `id`. */
            sessionId: string;
        };
        MessageUpsertResult: {
            /** @constant */
            ok: true;
            /** @description The message's `id`. */
            messageId: string;
        };
        SyncBatchResult: {
            /**
             * @description Always true once the body parsed; look at `errors`.
             * @constant
             */
            ok: true;
            /** @description Sessions inserted or updated. */
            sessions: components["schemas"]["ServerCount"];
            /** @description Messages inserted or updated. */
            messages: components["schemas"]["ServerCount"];
            /**
             * @description `Sessions batch error: ...` or `Messages batch error: ...` when a whole array was
             *     rejected, or `<message externalId>: ...` for one message.
             */
            errors: string[];
        };
        SessionExternalIdList: {
            /** @description The `externalId` of every session, in creation order. */
            sessionIds: string[];
        };
        /** @description A session without its messages. */
        SessionSummary: {
            /** @description The server's ID of the session. */
            id: string;
            /** @description The session's `externalId`, as stored (deployed servers bound it by nothing). */
            externalId: string;
            title?: string;
            projectPath?: string;
            projectName?: string;
            model?: string;
            provider?: string;
            /** @description The syncing tool (see `Source`). Deployed servers omit it. */
            source?: string;
            promptTokens: components["schemas"]["StoredTokenCount"];
            completionTokens: components["schemas"]["StoredTokenCount"];
            totalTokens: components["schemas"]["StoredTokenCount"];
            cost: components["schemas"]["StoredCost"];
            durationMs?: components["schemas"]["StoredDurationMs"];
            isPublic: boolean;
            messageCount: components["schemas"]["StoredCount"];
            createdAt: components["schemas"]["StoredTimestamp"];
            updatedAt: components["schemas"]["ServerTimestamp"];
        };
        SessionList: {
            sessions: components["schemas"]["SessionSummary"][];
            /** @description Pass as `cursor` for the next page. Absent on the last page, and always absent from servers without pagination. */
            nextCursor?: string;
        };
        /** @description A message with its parts, in order. */
        Message: {
            id: string;
            externalId: string;
            role: components["schemas"]["Role"];
            textContent?: string;
            model?: string;
            promptTokens?: components["schemas"]["StoredTokenCount"];
            completionTokens?: components["schemas"]["StoredTokenCount"];
            durationMs?: components["schemas"]["StoredDurationMs"];
            createdAt: components["schemas"]["StoredTimestamp"];
            parts: components["schemas"]["StoredMessagePart"][];
        };
        SessionDetail: {
            session: components["schemas"]["SessionSummary"];
            /** @description Oldest first. */
            messages: components["schemas"]["Message"][];
        };
        /**
         * @default fulltext
         * @enum {string}
         */
        SearchType: "fulltext" | "semantic" | "hybrid";
        /** @description A session found by full-text search (also in hybrid results). */
        FullTextHit: {
            id: string;
            externalId: string;
            title?: string;
            projectPath?: string;
            model?: string;
            totalTokens: components["schemas"]["StoredTokenCount"];
            cost: components["schemas"]["StoredCost"];
            messageCount: components["schemas"]["StoredCount"];
            createdAt: components["schemas"]["StoredTimestamp"];
            /** @description Relevance, higher is better. Deployed servers omit it. */
            score?: number;
        };
        /** @description A session found only by semantic search. Note `_id`, not `id`. */
        SemanticHit: {
            _id: string;
            externalId: string;
            title?: string;
            projectPath?: string;
            projectName?: string;
            model?: string;
            totalTokens: components["schemas"]["StoredTokenCount"];
            cost: components["schemas"]["StoredCost"];
            isPublic: boolean;
            messageCount: components["schemas"]["StoredCount"];
            createdAt: components["schemas"]["StoredTimestamp"];
            updatedAt: components["schemas"]["ServerTimestamp"];
            /** @description Similarity, higher is better. Deployed servers omit it. */
            score?: number;
        };
        /** @description A search hit; full-text and semantic hits differ in shape. */
        SearchHit: components["schemas"]["FullTextHit"] | components["schemas"]["SemanticHit"];
        /**
         * @description `fulltext` returns only FullTextHits, `semantic` only SemanticHits, and `hybrid` a mix
         *     (a session found by full-text keeps that shape).
         */
        SearchResult: {
            results: components["schemas"]["SearchHit"][];
        };
        /**
         * @default text
         * @enum {string}
         */
        ContextFormat: "text" | "messages";
        ContextText: {
            /** @description A prompt-ready text built from the sessions' last messages. */
            text: string;
            sessionCount: components["schemas"]["ServerCount"];
        };
        ContextMessage: {
            role: components["schemas"]["Role"];
            content: string;
            metadata: {
                sessionId: string;
                sessionTitle?: string;
            };
        };
        ContextMessages: {
            messages: components["schemas"]["ContextMessage"][];
            sessionCount: components["schemas"]["ServerCount"];
        };
        /** @description `ContextText` for `format=text`, `ContextMessages` otherwise. */
        Context: components["schemas"]["ContextText"] | components["schemas"]["ContextMessages"];
        /**
         * @default json
         * @enum {string}
         */
        ExportFormat: "json" | "markdown" | "jsonl";
        /** @description The default export. */
        SessionJsonExport: {
            session: {
                id: string;
                title?: string;
                model?: string;
            };
            messages: {
                role: components["schemas"]["Role"];
                content: string;
            }[];
        };
        /** @description The `jsonl` export: JSON Lines of `{role, content}` wrapped in JSON. */
        SessionJsonlExport: {
            /** @description One JSON object `{role, content}` per line. */
            content: string;
            /** @example Fix-authentication-bug.jsonl */
            filename: string;
        };
        /** @description `SessionJsonlExport` for `format=jsonl`, `SessionJsonExport` otherwise. */
        SessionExport: components["schemas"]["SessionJsonExport"] | components["schemas"]["SessionJsonlExport"];
        /**
         * @default deepeval
         * @enum {string}
         */
        EvalFormat: "deepeval" | "openai" | "promptfoo" | "filesystem";
        /** @enum {string} */
        EvalStatus: "golden" | "correct" | "incorrect" | "needs_review";
        /**
         * @default per_turn
         * @enum {string}
         */
        EvalTurnMode: "per_turn" | "full" | "final_only";
        DeepEvalCase: {
            input: string;
            actual_output: string;
            expected_output: string | null;
            context: string[];
            retrieval_context: null;
            metadata: {
                /** @description The session's `externalId`. */
                session_id: string;
                model: string;
                tool: string;
                /** Format: date-time */
                timestamp: string;
                tokens_input: components["schemas"]["StoredTokenCount"];
                tokens_output: components["schemas"]["StoredTokenCount"];
                latency_ms?: components["schemas"]["StoredDurationMs"];
                /**
                 * @description The session's `projectName`, else its `projectPath`, as stored: `anonymize` does
                 *     not apply to it, so a home-directory path keeps its user name.
                 */
                project?: string;
                tags: string[];
                eval_status?: components["schemas"]["EvalStatus"];
            };
        };
        FilesystemEvalExport: {
            manifest: {
                opensync_metadata: {
                    export_version: string;
                    /** Format: date-time */
                    export_date: string;
                    total_sessions: components["schemas"]["ServerCount"];
                    total_test_cases: components["schemas"]["ServerCount"];
                    skipped_sessions: components["schemas"]["ServerCount"];
                };
                /** @description Sessions per source. */
                sources: {
                    [key: string]: components["schemas"]["ServerCount"];
                };
                models: string[];
                files: string[];
            };
            /** @description File name (`session-<8 characters>.txt`) to text. */
            files: {
                [key: string]: string;
            };
            readme: string;
        };
        /** @description The `deepeval` dataset, one test case per element. */
        DeepEvalExport: components["schemas"]["DeepEvalCase"][];
        /** @description A DeepEval array (`format=deepeval`) or the filesystem bundle (`format=filesystem`). */
        EvalExport: components["schemas"]["DeepEvalExport"] | components["schemas"]["FilesystemEvalExport"];
        /** @description One line of the `openai` dataset. */
        OpenAIEvalLine: {
            input: {
                role: string;
                content: string;
            }[];
            ideal: string;
            metadata: {
                session_id: string;
                model: string;
                source: string;
            };
        };
        /** @description One line of the `promptfoo` dataset. */
        PromptfooEvalLine: {
            vars: {
                input: string;
                language?: string;
                /** @enum {string} */
                task_type: "bug_fix" | "code_generation" | "explanation" | "refactoring" | "general";
            };
            assert?: {
                /** @constant */
                type: "llm-rubric";
                value: string;
            }[];
        };
        /**
         * @description Newline-delimited JSON: each line is an `OpenAIEvalLine` (`format=openai`) or a
         *     `PromptfooEvalLine` (`format=promptfoo`).
         */
        EvalJsonLines: string;
        ModelUsage: {
            tokens: components["schemas"]["StoredTokenCount"];
            cost: components["schemas"]["StoredCost"];
            sessions: components["schemas"]["ServerCount"];
        };
        Stats: {
            sessionCount: components["schemas"]["ServerCount"];
            messageCount: components["schemas"]["StoredCount"];
            totalTokens: components["schemas"]["StoredTokenCount"];
            totalCost: components["schemas"]["StoredCost"];
            totalDurationMs: components["schemas"]["StoredDurationMs"];
            /** @description Usage per model name (`unknown` when a session has none). */
            modelUsage: {
                [key: string]: components["schemas"]["ModelUsage"];
            };
        };
        Health: {
            /** @constant */
            status: "ok";
            timestamp: components["schemas"]["ServerTimestamp"];
        };
    };
    responses: {
        /** @description Bad Request - Invalid parameters. */
        BadRequest: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "INVALID_REQUEST",
                 *         "message": "Missing required field: sessionExternalId"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Unauthorized - Invalid or missing API key. */
        Unauthorized: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "UNAUTHORIZED",
                 *         "message": "Invalid or missing API key"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Forbidden - Insufficient permissions. */
        Forbidden: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "FORBIDDEN",
                 *         "message": "Insufficient permissions for this operation"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Not Found - Resource doesn't exist (or belongs to another account). */
        SessionNotFound: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "NOT_FOUND",
                 *         "message": "Session not found"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Not Found - No eval-ready session matches. */
        NoEvalSessions: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "NOT_FOUND",
                 *         "message": "No sessions match the specified filters"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Payload Too Large - the request body is over the size limit. */
        PayloadTooLarge: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "INVALID_REQUEST",
                 *         "message": "Request body exceeds the limit of 1048576 bytes"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Too Many Requests - Rate limit exceeded. */
        RateLimited: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "RATE_LIMITED",
                 *         "message": "Rate limit exceeded. Retry after 60 seconds."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Internal Server Error. */
        InternalError: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "INTERNAL_ERROR",
                 *         "message": "Internal server error"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The session's `id` (as returned by the list, not its `externalId`). Deployed servers
         *     answer 404 for the id of a session that does not exist or is another account's, and
         *     500 for a value that is not a session id at all.
         * @example jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r
         */
        SessionId: string;
        /**
         * @description The search text.
         * @example token refresh
         */
        Query: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description `*`: a page on any origin may read the answer. Deployed servers send it on every JSON
         *     answer but not on the Markdown export, and answer CORS preflights only at the literal
         *     path `/*`, so a browser's credentialed cross-origin call fails there; the sandbox
         *     answers preflights on every route.
         */
        "Access-Control-Allow-Origin": "*";
        /**
         * @description How long to wait before retrying (RFC 9110): either delay-seconds, a whole number of
         *     seconds that is at least 1, or an HTTP date (IMF-fixdate, e.g.
         *     `Wed, 21 Oct 2026 07:28:00 GMT`) to wait until. The sandbox sends delay-seconds.
         * @example 60
         */
        RetryAfter: number | string;
    };
    pathItems: never;
}
export type ErrorResponse = components['schemas']['ErrorResponse'];
export type ErrorCode = components["schemas"]["KnownErrorCode"] | (string & {});
export type KnownErrorCode = components['schemas']['KnownErrorCode'];
export type Role = components['schemas']['Role'];
export type Source = components['schemas']['Source'];
export type EpochMillis = components['schemas']['EpochMillis'];
export type TokenCount = components['schemas']['TokenCount'];
export type DurationMs = components['schemas']['DurationMs'];
export type Cost = components['schemas']['Cost'];
export type ModelName = components['schemas']['ModelName'];
export type FullDate = components['schemas']['FullDate'];
export type StoredTokenCount = components['schemas']['StoredTokenCount'];
export type StoredCost = components['schemas']['StoredCost'];
export type StoredDurationMs = components['schemas']['StoredDurationMs'];
export type StoredTimestamp = components['schemas']['StoredTimestamp'];
export type StoredCount = components['schemas']['StoredCount'];
export type ServerCount = components['schemas']['ServerCount'];
export type ServerTimestamp = components['schemas']['ServerTimestamp'];
export type MessagePart = components['schemas']['MessagePart'];
export type StoredMessagePart = components['schemas']['StoredMessagePart'];
export type SessionFields = components['schemas']['SessionFields'];
export type ExternalId = components['schemas']['ExternalId'];
export type SessionIdAlias = components['schemas']['SessionIdAlias'];
export type SessionUpsertFields = components['schemas']['SessionUpsertFields'];
export type SessionUpsert = components['schemas']['SessionUpsert'];
export type BatchSession = components['schemas']['BatchSession'];
export type MessageFields = components['schemas']['MessageFields'];
export type MessageUpsert = components['schemas']['MessageUpsert'];
export type BatchMessage = components['schemas']['BatchMessage'];
export type BatchUpsert = components['schemas']['BatchUpsert'];
export type SessionUpsertResult = components['schemas']['SessionUpsertResult'];
export type MessageUpsertResult = components['schemas']['MessageUpsertResult'];
export type SyncBatchResult = components['schemas']['SyncBatchResult'];
export type SessionExternalIdList = components['schemas']['SessionExternalIdList'];
export type SessionSummary = components['schemas']['SessionSummary'];
export type SessionList = components['schemas']['SessionList'];
export type Message = components['schemas']['Message'];
export type SessionDetail = components['schemas']['SessionDetail'];
export type SearchType = components['schemas']['SearchType'];
export type FullTextHit = components['schemas']['FullTextHit'];
export type SemanticHit = components['schemas']['SemanticHit'];
export type SearchHit = components['schemas']['SearchHit'];
export type SearchResult = components['schemas']['SearchResult'];
export type ContextFormat = components['schemas']['ContextFormat'];
export type ContextText = components['schemas']['ContextText'];
export type ContextMessage = components['schemas']['ContextMessage'];
export type ContextMessages = components['schemas']['ContextMessages'];
export type Context = components['schemas']['Context'];
export type ExportFormat = components['schemas']['ExportFormat'];
export type SessionJsonExport = components['schemas']['SessionJsonExport'];
export type SessionJsonlExport = components['schemas']['SessionJsonlExport'];
export type SessionExport = components['schemas']['SessionExport'];
export type EvalFormat = components['schemas']['EvalFormat'];
export type EvalStatus = components['schemas']['EvalStatus'];
export type EvalTurnMode = components['schemas']['EvalTurnMode'];
export type DeepEvalCase = components['schemas']['DeepEvalCase'];
export type FilesystemEvalExport = components['schemas']['FilesystemEvalExport'];
export type DeepEvalExport = components['schemas']['DeepEvalExport'];
export type EvalExport = components['schemas']['EvalExport'];
export type OpenAIEvalLine = components['schemas']['OpenAIEvalLine'];
export type PromptfooEvalLine = components['schemas']['PromptfooEvalLine'];
export type EvalJsonLines = components['schemas']['EvalJsonLines'];
export type ModelUsage = components['schemas']['ModelUsage'];
export type Stats = components['schemas']['Stats'];
export type Health = components['schemas']['Health'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseSessionNotFound = components['responses']['SessionNotFound'];
export type ResponseNoEvalSessions = components['responses']['NoEvalSessions'];
export type ResponsePayloadTooLarge = components['responses']['PayloadTooLarge'];
export type ResponseRateLimited = components['responses']['RateLimited'];
export type ResponseInternalError = components['responses']['InternalError'];
export type ParameterSessionId = components['parameters']['SessionId'];
export type ParameterQuery = components['parameters']['Query'];
export type HeaderAccessControlAllowOrigin = components['headers']['Access-Control-Allow-Origin'];
export type HeaderRetryAfter = components['headers']['RetryAfter'];
export type $defs = Record<string, never>;
export interface operations {
    upsertSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "externalId": "ses_01HZX3K9QF",
                 *       "title": "Fix authentication bug",
                 *       "projectPath": "/Users/dev/acme-api",
                 *       "projectName": "acme-api",
                 *       "model": "claude-sonnet-4",
                 *       "provider": "anthropic",
                 *       "source": "claude-code",
                 *       "promptTokens": 1200,
                 *       "completionTokens": 2300,
                 *       "cost": 0.0421,
                 *       "durationMs": 95000,
                 *       "createdAt": 1767225600000
                 *     }
                 */
                "application/json": components["schemas"]["SessionUpsert"];
            };
        };
        responses: {
            /** @description The session was stored. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "sessionId": "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r"
                     *     }
                     */
                    "application/json": components["schemas"]["SessionUpsertResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    upsertMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "sessionExternalId": "ses_01HZX3K9QF",
                 *       "externalId": "ses_01HZX3K9QF:msg_0001",
                 *       "role": "user",
                 *       "textContent": "Why does login fail after the token refresh?",
                 *       "parts": [
                 *         {
                 *           "type": "text",
                 *           "content": "Why does login fail after the token refresh?"
                 *         }
                 *       ],
                 *       "createdAt": 1767225601000
                 *     }
                 */
                "application/json": components["schemas"]["MessageUpsert"];
            };
        };
        responses: {
            /** @description The message was stored. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "messageId": "k57a1b2c3d4e5f6g7h8j9k0m1n2p3q4r"
                     *     }
                     */
                    "application/json": components["schemas"]["MessageUpsertResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    batchUpsert: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "sessions": [
                 *         {
                 *           "externalId": "ses_01HZX3K9QF",
                 *           "title": "Fix authentication bug",
                 *           "model": "claude-sonnet-4",
                 *           "source": "claude-code"
                 *         }
                 *       ],
                 *       "messages": [
                 *         {
                 *           "sessionExternalId": "ses_01HZX3K9QF",
                 *           "externalId": "ses_01HZX3K9QF:msg_0002",
                 *           "role": "assistant",
                 *           "textContent": "The refresh handler drops the new token.",
                 *           "parts": [
                 *             {
                 *               "type": "text",
                 *               "content": "The refresh handler drops the new token."
                 *             }
                 *           ]
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["BatchUpsert"];
            };
        };
        responses: {
            /** @description The batch was processed; per-array failures are listed in `errors`. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true,
                     *       "sessions": 1,
                     *       "messages": 1,
                     *       "errors": []
                     *     }
                     */
                    "application/json": components["schemas"]["SyncBatchResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listSessionExternalIds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session's external ID. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sessionIds": [
                     *         "ses_01HZX3K9QF",
                     *         "ses_01HZX4M2TB"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionExternalIdList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listSessions: {
        parameters: {
            query?: {
                /**
                 * @description Page size. Deployed servers read it as `parseInt` does, without a radix (`1.9` is 1,
                 *     `0x10` is 16), without a bound, and answer 500 for a value that is not a number
                 *     (`abc`) or is negative.
                 */
                limit?: number;
                /** @description The `nextCursor` of the previous page. Older servers ignore it. */
                cursor?: string;
                /** @description Only sessions from this source (exact match). Older servers ignore it. */
                source?: components["schemas"]["Source"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of sessions. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sessions": [
                     *         {
                     *           "id": "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
                     *           "externalId": "ses_01HZX3K9QF",
                     *           "title": "Fix authentication bug",
                     *           "projectPath": "/Users/dev/acme-api",
                     *           "projectName": "acme-api",
                     *           "model": "claude-sonnet-4",
                     *           "provider": "anthropic",
                     *           "source": "claude-code",
                     *           "promptTokens": 1200,
                     *           "completionTokens": 2300,
                     *           "totalTokens": 3500,
                     *           "cost": 0.0421,
                     *           "durationMs": 95000,
                     *           "isPublic": false,
                     *           "messageCount": 2,
                     *           "createdAt": 1767225600000,
                     *           "updatedAt": 1767225602000
                     *         }
                     *       ],
                     *       "nextCursor": "eyJvZmZzZXQiOjF9"
                     *     }
                     */
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getSession: {
        parameters: {
            query: {
                /**
                 * @description The session's `id` (as returned by the list, not its `externalId`). Deployed servers
                 *     answer 404 for the id of a session that does not exist or is another account's, and
                 *     500 for a value that is not a session id at all.
                 * @example jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r
                 */
                id: components["parameters"]["SessionId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session and its messages. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "session": {
                     *         "id": "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
                     *         "externalId": "ses_01HZX3K9QF",
                     *         "title": "Fix authentication bug",
                     *         "model": "claude-sonnet-4",
                     *         "promptTokens": 1200,
                     *         "completionTokens": 2300,
                     *         "totalTokens": 3500,
                     *         "cost": 0.0421,
                     *         "isPublic": false,
                     *         "messageCount": 1,
                     *         "createdAt": 1767225600000,
                     *         "updatedAt": 1767225602000
                     *       },
                     *       "messages": [
                     *         {
                     *           "id": "k57a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
                     *           "externalId": "ses_01HZX3K9QF:msg_0001",
                     *           "role": "user",
                     *           "textContent": "Why does login fail after the token refresh?",
                     *           "createdAt": 1767225601000,
                     *           "parts": [
                     *             {
                     *               "type": "text",
                     *               "content": "Why does login fail after the token refresh?"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SessionNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    searchSessions: {
        parameters: {
            query: {
                /**
                 * @description The search text.
                 * @example token refresh
                 */
                q: components["parameters"]["Query"];
                /** @description The kind of search. Servers treat any other value as `fulltext`. */
                type?: components["schemas"]["SearchType"];
                /**
                 * @description Maximum number of hits. Deployed servers read it as `parseInt` does and answer 500
                 *     for a negative number, for more than 128 in semantic or hybrid search, and for a
                 *     value that is not a number (`abc`) in full-text or hybrid search (semantic search
                 *     then finds nothing).
                 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hits, best first. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "id": "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
                     *           "externalId": "ses_01HZX3K9QF",
                     *           "title": "Fix authentication bug",
                     *           "projectPath": "/Users/dev/acme-api",
                     *           "model": "claude-sonnet-4",
                     *           "totalTokens": 3500,
                     *           "cost": 0.0421,
                     *           "messageCount": 2,
                     *           "createdAt": 1767225600000
                     *         },
                     *         {
                     *           "_id": "jd7b2c3d4e5f6g7h8j9k0m1n2p3q4r5s",
                     *           "externalId": "ses_01HZX4M2TB",
                     *           "title": "Token refresh race",
                     *           "totalTokens": 800,
                     *           "cost": 0.009,
                     *           "isPublic": false,
                     *           "messageCount": 4,
                     *           "createdAt": 1767139200000,
                     *           "updatedAt": 1767139260000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SearchResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getContext: {
        parameters: {
            query: {
                /**
                 * @description The search text.
                 * @example token refresh
                 */
                q: components["parameters"]["Query"];
                /**
                 * @description Maximum number of sessions. Deployed servers answer 500 for a negative number or more
                 *     than 128, and find nothing for a value that is not a number.
                 */
                limit?: number;
                /** @description `text` for one string, `messages` for chat messages with metadata. */
                format?: components["schemas"]["ContextFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Context built from the most relevant sessions. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "text": "Relevant coding sessions for: \"token refresh\"\n\n--- Session: Fix authentication bug ---\nProject: /Users/dev/acme-api\nModel: claude-sonnet-4\n\n[USER]\nWhy does login fail after the token refresh?\n\n\n",
                     *       "sessionCount": 1
                     *     }
                     */
                    "application/json": components["schemas"]["Context"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    exportSession: {
        parameters: {
            query: {
                /**
                 * @description The session's `id` (as returned by the list, not its `externalId`). Deployed servers
                 *     answer 404 for the id of a session that does not exist or is another account's, and
                 *     500 for a value that is not a session id at all.
                 * @example jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r
                 */
                id: components["parameters"]["SessionId"];
                /** @description The export format. */
                format?: components["schemas"]["ExportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exported session. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    /** @description `attachment; filename="<title>.md"` for the Markdown format. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "session": {
                     *         "id": "jd7a1b2c3d4e5f6g7h8j9k0m1n2p3q4r",
                     *         "title": "Fix authentication bug",
                     *         "model": "claude-sonnet-4"
                     *       },
                     *       "messages": [
                     *         {
                     *           "role": "user",
                     *           "content": "Why does login fail after the token refresh?"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionExport"];
                    /**
                     * @example # Fix authentication bug
                     *
                     *     - **Project:** /Users/dev/acme-api
                     *     - **Model:** claude-sonnet-4
                     *     - **Tokens:** 3500
                     *     - **Cost:** $0.0421
                     *
                     *     ---
                     *
                     *     ## User
                     *
                     *     Why does login fail after the token refresh?
                     */
                    "text/markdown": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SessionNotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    exportEvals: {
        parameters: {
            query?: {
                /** @description The dataset format. */
                format?: components["schemas"]["EvalFormat"];
                /** @description Only sessions from this source (exact match, e.g. `cursor-sync`). */
                tool?: components["schemas"]["Source"];
                /** @description Only sessions of this model (exact match). */
                model?: components["schemas"]["ModelName"];
                /** @description Only sessions created on or after this date. */
                date_from?: components["schemas"]["FullDate"];
                /** @description Only sessions created on or before the end of this day. */
                date_to?: components["schemas"]["FullDate"];
                /** @description Comma-separated tags; a session matches when it has any of them. */
                tags?: string;
                /** @description Only sessions with at least this many total tokens. */
                min_tokens?: components["schemas"]["TokenCount"];
                /** @description Only sessions with this review status. */
                status?: components["schemas"]["EvalStatus"];
                /** @description `false` leaves the `context` of per-turn DeepEval cases empty. */
                include_metadata?: boolean;
                /** @description `false` keeps user names in home-directory paths. */
                anonymize?: boolean;
                /** @description How sessions become test cases. */
                turn_mode?: components["schemas"]["EvalTurnMode"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The dataset, as an attachment. `deepeval` and `filesystem` are JSON; `openai` and
             *     `promptfoo` are newline-delimited JSON, one test case per line.
             */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    /** @description `attachment; filename="opensync-<format>-<YYYY-MM-DD>.<json|jsonl>"` */
                    "Content-Disposition"?: string;
                    /** @description Sessions considered, including those skipped for lack of messages. */
                    "X-Export-Sessions"?: components["schemas"]["ServerCount"];
                    /** @description Test cases in the dataset. */
                    "X-Export-TestCases"?: components["schemas"]["ServerCount"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "input": "Why does login fail after the token refresh?",
                     *         "actual_output": "The refresh handler drops the new token.",
                     *         "expected_output": null,
                     *         "context": [],
                     *         "retrieval_context": null,
                     *         "metadata": {
                     *           "session_id": "ses_01HZX3K9QF",
                     *           "model": "claude-sonnet-4",
                     *           "tool": "claude-code",
                     *           "timestamp": "2026-01-01T00:00:00.000Z",
                     *           "tokens_input": 1200,
                     *           "tokens_output": 2300,
                     *           "tags": []
                     *         }
                     *       }
                     *     ]
                     */
                    "application/json": components["schemas"]["EvalExport"];
                    /** @example {"input":[{"role":"user","content":"Why does login fail?"}],"ideal":"The refresh handler drops the new token.","metadata":{"session_id":"ses_01HZX3K9QF","model":"claude-sonnet-4","source":"claude-code"}} */
                    "application/x-ndjson": components["schemas"]["EvalJsonLines"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NoEvalSessions"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage totals. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "sessionCount": 2,
                     *       "messageCount": 6,
                     *       "totalTokens": 4300,
                     *       "totalCost": 0.0511,
                     *       "totalDurationMs": 95000,
                     *       "modelUsage": {
                     *         "claude-sonnet-4": {
                     *           "tokens": 3500,
                     *           "cost": 0.0421,
                     *           "sessions": 1
                     *         },
                     *         "unknown": {
                     *           "tokens": 800,
                     *           "cost": 0.009,
                     *           "sessions": 1
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Stats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server is up. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "timestamp": 1767225600000
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
        };
    };
}
