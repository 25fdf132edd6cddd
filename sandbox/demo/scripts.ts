/**
 * The demo sessions as scripts: per session its tool, project, model and timing, and its turns in
 * the parts plugins send. Data, written to read like the sessions they stand for (demo.ts dates
 * them and writes them).
 */
import type { components } from "opensync-api/schema";

type Schemas = components["schemas"];
type Part = Schemas["MessagePart"];

// Source code that demo tool calls read and patch (a template's escaped \${...} is text, not a placeholder).
const CHARGE_SOURCE = `export async function charge(body) {
  const res = await fetch(\`\${BASE}/charges\`, { method: 'POST', body: JSON.stringify(body), headers });
  if (!res.ok) throw new PaymentError(res.status);
  return res.json();
}`;
const RETRY_PATCH =
  `*** Update File: src/payments/client.ts
@@
-  const res = await fetch(\`\${BASE}/charges\`, ...)
+  const res = await withRetry(() => fetch(\`\${BASE}/charges\`, ` +
  "{ ...init, headers: { ...headers, 'Idempotency-Key': key } }))";

interface Turn {
  role: "user" | "assistant" | "tool" | "system";
  parts: Part[];
  textContent: string;
}

interface Script {
  externalId: string;
  /** As the plugin sends it (the Cursor plugin says `cursor`; the store keeps `cursor-sync`). */
  source: string;
  title: string;
  projectPath: string;
  model: string;
  provider: string;
  /** How long before `now` the session started, in hours. */
  hoursAgo: number;
  minutes: number;
  turns: Turn[];
}

const text = (content: string): Part => ({ type: "text", content });
const call = (name: string, args: Record<string, unknown>): Part => ({ type: "tool-call", content: { name, args } });
const user = (content: string): Turn => ({ role: "user", parts: [text(content)], textContent: content });
const system = (content: string): Turn => ({ role: "system", parts: [text(content)], textContent: content });
const assistant = (content: string, ...calls: Part[]): Turn => ({
  role: "assistant",
  parts: [text(content), ...calls],
  textContent: content,
});
const tool = (name: string, output: string): Turn => ({
  role: "tool",
  parts: [{ type: "tool-result", content: { name, output } }],
  textContent: output,
});

/** US dollars per million tokens (prompt, completion): list prices, for plausible costs. */
export const PRICES: Record<string, [number, number]> = {
  "claude-sonnet-4-5": [3, 15],
  "claude-opus-4-1": [15, 75],
  "claude-haiku-4-5": [1, 5],
  "gpt-5": [1.25, 10],
  "gpt-5-codex": [1.25, 10],
  "gemini-2.5-pro": [1.25, 10],
};

export const SCRIPTS: Script[] = [
  {
    externalId: "4f6c2a1e-8d3b-4b7a-9c51-2e0f7d9a6b13",
    source: "claude-code",
    title: "Fix token refresh race in the auth middleware",
    projectPath: "/home/dev/projects/acme-api",
    model: "claude-sonnet-4-5",
    provider: "anthropic",
    hoursAgo: 3,
    minutes: 34,
    turns: [
      user(
        "Users get logged out at random. I think two requests hit a 401 at the same time and both try a token " +
          "refresh. Can you find out why the new token gets dropped?",
      ),
      assistant(
        "Let me read the refresh logic in the auth middleware first.",
        call("Read", { file_path: "src/auth/middleware.ts" }),
      ),
      tool(
        "Read",
        "export async function withAuth(req, next) {\n  let res = await next(req);\n  if (res.status === 401) {\n   " +
          " const token = await refreshToken(session.refreshToken);\n    session.accessToken = token.accessToken;\n " +
          "   res = await next(req);\n  }\n  return res;\n}",
      ),
      assistant(
        "Found it. Both requests call refreshToken with the same refresh token. The server rotates refresh tokens, " +
          "so the second call fails and its error path clears the session, dropping the new token the first call " +
          "stored. I'll make concurrent callers share one in-flight refresh.",
        call("Edit", {
          file_path: "src/auth/middleware.ts",
          old_string: "const token = await refreshToken(session.refreshToken);",
          new_string:
            "const token = await (inflight ??= refreshToken(session.refreshToken).finally(() => (inflight = " +
            "undefined)));",
        }),
      ),
      tool("Edit", "The file src/auth/middleware.ts has been updated."),
      assistant(
        "Now a test that fires two requests at an expired token at once.",
        call("Bash", { command: "npm test -- auth/middleware" }),
      ),
      tool(
        "Bash",
        "PASS src/auth/middleware.test.ts\n  ✓ refreshes once for concurrent 401s (41 ms)\n  ✓ keeps the new token " +
          "after a parallel refresh (12 ms)\nTests: 9 passed, 9 total",
      ),
      assistant(
        "Fixed: concurrent 401s now share a single token refresh, so the rotated refresh token is used once and the " +
          "new access token is kept. The new test covers two parallel requests.",
      ),
    ],
  },
  {
    externalId: "ses_01JCZ8W4QF2R7T9KMX3B5N6P8D",
    source: "opencode",
    title: "Add a dark mode toggle to the settings page",
    projectPath: "/home/dev/projects/acme-web",
    model: "gpt-5",
    provider: "openai",
    hoursAgo: 14,
    minutes: 22,
    turns: [
      system("You are OpenCode, an interactive CLI coding agent. Prefer small, reviewable changes."),
      user(
        "Add a dark mode toggle to the settings page. It should follow the system theme until the user picks one, " +
          "and remember the choice.",
      ),
      assistant("I'll check how the theme is applied today.", call("grep", { pattern: "data-theme", path: "src" })),
      tool(
        "grep",
        'src/app/layout.tsx:12:    <html lang="en" ' +
          'data-theme="light">\nsrc/styles/tokens.css:3::root[data-theme="light"] {',
      ),
      assistant(
        "The theme is hard-coded to light. I'll add a useTheme hook that reads localStorage, falls back to " +
          "prefers-color-scheme, and sets data-theme on <html>; then a three-way toggle (system, light, dark) in " +
          "settings.",
        call("write", {
          filePath: "src/hooks/useTheme.ts",
          content: "export function useTheme() { /* system | light | dark, persisted in localStorage */ }",
        }),
        call("edit", {
          filePath: "src/app/settings/page.tsx",
          oldString: "<h2>Appearance</h2>",
          newString: "<h2>Appearance</h2>\n<ThemeToggle />",
        }),
      ),
      tool("write", "Wrote src/hooks/useTheme.ts (38 lines)"),
      tool("edit", "Edited src/app/settings/page.tsx"),
      assistant(
        "Done. The toggle offers System, Light and Dark; the choice is saved in localStorage under `theme`, and " +
          "System follows prefers-color-scheme live.",
      ),
    ],
  },
  {
    externalId: "composer-7d1e93b0-5a2f-4c86-b0e4-91f3c2a8d765",
    source: "cursor",
    title: "Paginate the invoices endpoint with cursors",
    projectPath: "/Users/sam/code/billing-service",
    model: "claude-sonnet-4-5",
    provider: "anthropic",
    hoursAgo: 29,
    minutes: 41,
    turns: [
      user(
        "GET /invoices returns every invoice and times out for big customers. Add cursor pagination: limit, cursor, " +
          "nextCursor.",
      ),
      assistant(
        "I'll look at the handler and the query it runs.",
        call("read_file", { target_file: "src/routes/invoices.ts" }),
      ),
      tool(
        "read_file",
        "router.get('/invoices', async (req, res) => {\n  const rows = await db.query('SELECT * FROM invoices WHERE " +
          "customer_id = $1 ORDER BY created_at DESC', [req.user.customerId]);\n  res.json({ invoices: rows });\n});",
      ),
      assistant(
        "Offset pagination would skip rows when invoices arrive between pages, so I'll use a keyset cursor on " +
          "(created_at, id), encoded as base64url JSON, with a default limit of 50 and a maximum of 200.",
        call("edit_file", {
          target_file: "src/routes/invoices.ts",
          instructions: "keyset pagination on (created_at, id) with limit and cursor",
        }),
      ),
      tool("edit_file", "Applied edit to src/routes/invoices.ts"),
      assistant(
        "Let me run the route tests.",
        call("run_terminal_cmd", { command: "pnpm vitest run routes/invoices" }),
      ),
      tool(
        "run_terminal_cmd",
        "✓ routes/invoices.test.ts (6 tests) 188ms\n  ✓ pages through 1,000 invoices without gaps or repeats",
      ),
      assistant(
        "GET /invoices now takes limit (default 50, max 200) and cursor, and returns nextCursor until the last " +
          "page. Keyset pagination keeps pages stable while new invoices arrive.",
      ),
    ],
  },
  {
    externalId: "0b9e5c7d-2f41-4a8e-8d63-5c1a7e9f2b40",
    source: "codex-cli",
    title: "Retry 429s from the payments API, honouring Retry-After",
    projectPath: "/home/dev/projects/acme-api",
    model: "gpt-5-codex",
    provider: "openai",
    hoursAgo: 46,
    minutes: 18,
    turns: [
      user(
        "The payments client fails the whole checkout when the provider answers 429. Retry with backoff, and " +
          "respect Retry-After.",
      ),
      assistant(
        "Looking at the payments client.",
        call("shell", { command: ["sed", "-n", "1,80p", "src/payments/client.ts"] }),
      ),
      tool("shell", CHARGE_SOURCE),
      assistant(
        "A charge is not idempotent by default, so I'll send an Idempotency-Key first; then retry 429 and 5xx up to " +
          "3 times, waiting Retry-After when present, else 1 s, 2 s, 4 s with jitter.",
        call("apply_patch", {
          patch: RETRY_PATCH,
        }),
      ),
      tool("apply_patch", "Success. Updated the following files:\nM src/payments/client.ts\nA src/payments/retry.ts"),
      assistant(
        "Checkout now survives rate limiting: 429 and 5xx are retried up to 3 times, Retry-After wins over backoff, " +
          "and the Idempotency-Key makes a retried charge safe.",
      ),
    ],
  },
  {
    externalId: "droid-3c8a1f52-e6b4-47d9-a2c0-8f5e1b7d4a96",
    source: "factory-droid",
    title: "Speed up the nightly ETL with an index on events.created_at",
    projectPath: "/home/dev/projects/data-pipeline",
    model: "claude-opus-4-1",
    provider: "anthropic",
    hoursAgo: 65,
    minutes: 57,
    turns: [
      user("The nightly ETL job went from 20 minutes to 3 hours this month. Find the slow query and fix it."),
      assistant(
        "I'll get the plan of the extract query.",
        call("Execute", {
          command:
            "psql $DATABASE_URL -c \"EXPLAIN ANALYZE SELECT * FROM events WHERE created_at >= now() - interval '1 " +
            "day'\"",
        }),
      ),
      tool(
        "Execute",
        "Seq Scan on events  (cost=0.00..4128391.20 rows=812334 width=212) (actual time=0.041..98231.556 " +
          "rows=790112 loops=1)\n  Filter: (created_at >= (now() - '1 day'::interval))\n  Rows Removed by Filter: " +
          "148220451\nExecution Time: 98877.102 ms",
      ),
      assistant(
        "A sequential scan over 149 million rows: events has no index on created_at. I'll add one in a migration, " +
          "built concurrently so writes are not blocked.",
        call("Create", {
          file_path: "migrations/0042_events_created_at_index.sql",
          content: "CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);",
        }),
      ),
      tool("Create", "Created migrations/0042_events_created_at_index.sql"),
      assistant(
        "With the index the extract uses an index range scan: 1.9 s instead of 99 s in staging. Run the migration " +
          "outside a transaction (CREATE INDEX CONCURRENTLY requires it).",
      ),
    ],
  },
  {
    externalId: "pi-a17f93c2-6e0d-4b1a-9f2c-58d7e3b40c61",
    source: "pi",
    title: "Add a CSV export command to the CLI",
    projectPath: "/home/dev/projects/acme-cli",
    model: "gemini-2.5-pro",
    provider: "google",
    hoursAgo: 82,
    minutes: 26,
    turns: [
      user(
        "Add `acme export --format csv` that writes the report rows to stdout, with a header row and proper quoting.",
      ),
      assistant("I'll see how the json export is wired.", call("read", { path: "src/commands/export.ts" })),
      tool(
        "read",
        "export const exportCommand = command('export').option('--format <json>').action(async (opts) => {\n  const " +
          "rows = await loadReport();\n  process.stdout.write(JSON.stringify(rows));\n});",
      ),
      assistant(
        "I'll add a csv format with RFC 4180 quoting (fields with commas, quotes or newlines are quoted, quotes " +
          "doubled) instead of joining with commas by hand.",
        call("edit", {
          path: "src/commands/export.ts",
          oldText: "process.stdout.write(JSON.stringify(rows));",
          newText: "process.stdout.write(opts.format === 'csv' ? toCsv(rows) : JSON.stringify(rows));",
        }),
      ),
      tool("edit", "Successfully replaced text in src/commands/export.ts"),
      assistant(
        "`acme export --format csv` now prints a header row and one line per row, quoting fields that need it. JSON " +
          "stays the default.",
      ),
    ],
  },
  {
    externalId: "9a2d4e6f-1b3c-4d5e-8f70-a1b2c3d4e5f6",
    source: "claude-code",
    title: "Track down a memory leak in the WebSocket client",
    projectPath: "/home/dev/projects/acme-web",
    model: "claude-opus-4-1",
    provider: "anthropic",
    hoursAgo: 98,
    minutes: 63,
    turns: [
      user(
        "The dashboard tab grows to 2 GB after a day open. Heap snapshots show thousands of listeners. I suspect " +
          "the WebSocket reconnect.",
      ),
      assistant(
        "Let me look at the reconnect code.",
        call("Grep", { pattern: 'addEventListener\\("message"', path: "src/realtime" }),
      ),
      tool(
        "Grep",
        'src/realtime/socket.ts:48:    ws.addEventListener("message", onMessage);\nsrc/realtime/socket.ts:61:      ' +
          'window.addEventListener("online", reconnect);',
      ),
      assistant(
        "Each reconnect adds another `online` listener to window and never removes it, and every listener closes " +
          "over the old socket, so old sockets and their buffers stay reachable. I'll register the listener once " +
          "and abort it with an AbortController on close.",
        call("Edit", {
          file_path: "src/realtime/socket.ts",
          old_string: 'window.addEventListener("online", reconnect);',
          new_string: 'window.addEventListener("online", reconnect, { signal: closed.signal });',
        }),
      ),
      tool("Edit", "The file src/realtime/socket.ts has been updated."),
      assistant(
        "Fixed the leak: the online listener is added once per client and removed on close. After 500 simulated " +
          "reconnects the heap stays flat at about 60 MB.",
      ),
    ],
  },
  {
    externalId: "ses_01JCT2M9XH6V4B8QZP1W7R3K5E",
    source: "opencode",
    title: "Cache node_modules in the CI workflow",
    projectPath: "/home/dev/projects/infra",
    model: "claude-sonnet-4-5",
    provider: "anthropic",
    hoursAgo: 120,
    minutes: 15,
    turns: [
      user("Our GitHub Actions runs spend 4 minutes in npm install. Add caching."),
      assistant("I'll read the workflow.", call("read", { filePath: ".github/workflows/ci.yml" })),
      tool(
        "read",
        "steps:\n  - uses: actions/checkout@v4\n  - uses: actions/setup-node@v4\n    with:\n      node-version: " +
          "20\n  - run: npm install\n  - run: npm test",
      ),
      assistant(
        "setup-node can cache npm's download cache keyed on package-lock.json; with `npm ci` installs become " +
          "reproducible too. Caching node_modules itself is fragile across Node versions, so I'll cache ~/.npm.",
        call("edit", {
          filePath: ".github/workflows/ci.yml",
          oldString: "node-version: 20\n  - run: npm install",
          newString: "node-version: 20\n      cache: npm\n  - run: npm ci",
        }),
      ),
      tool("edit", "Edited .github/workflows/ci.yml"),
      assistant(
        "CI now restores npm's cache from the lockfile hash and installs with npm ci: the install step went from 4 " +
          "min to 35 s on a warm cache.",
      ),
    ],
  },
  {
    externalId: "5e7f9a1b-3c5d-4e6f-9a8b-7c6d5e4f3a2b",
    source: "codex-cli",
    title: "Fix a flaky date test around daylight saving time",
    projectPath: "/home/dev/projects/data-pipeline",
    model: "gpt-5-codex",
    provider: "openai",
    hoursAgo: 139,
    minutes: 12,
    turns: [
      user("test_daily_buckets fails twice a year in CI. Probably timezones. Fix it."),
      assistant(
        "Running the test with the clock set to the DST change.",
        call("shell", {
          command: ["env", "TZ=Europe/Berlin", "FAKE_NOW=2025-03-30T01:30:00", "pytest", "tests/test_buckets.py", "-q"],
        }),
      ),
      tool(
        "shell",
        "F.\nFAILED tests/test_buckets.py::test_daily_buckets - AssertionError: 23 hours in bucket 2025-03-30, " +
          "expected 24\n1 failed, 1 passed in 0.41s",
      ),
      assistant(
        "The test assumes every local day has 24 hours; on the spring change a Berlin day has 23. Buckets should be " +
          "computed in UTC, and the test should assert on UTC days.",
        call("apply_patch", {
          patch:
            "*** Update File: pipeline/buckets.py\n@@\n-    day = ts.astimezone().date()\n+    day = " +
            "ts.astimezone(timezone.utc).date()",
        }),
      ),
      tool("apply_patch", "Success. Updated the following files:\nM pipeline/buckets.py\nM tests/test_buckets.py"),
      assistant(
        "Buckets are now UTC days, so DST changes no longer shift them; the test passes for every day of 2025 in " +
          "Europe/Berlin and America/New_York.",
      ),
    ],
  },
  {
    externalId: "composer-b4c2e8f1-96d3-4a7b-85e0-3f1d2c9b6a84",
    source: "cursor-sync",
    title: "Migration: add a currency column to invoices",
    projectPath: "/Users/sam/code/billing-service",
    model: "gpt-5",
    provider: "openai",
    hoursAgo: 158,
    minutes: 29,
    turns: [
      user(
        "We're adding EUR billing. Add a currency column to invoices, default USD for existing rows, without " +
          "locking the table.",
      ),
      assistant(
        "On Postgres 11+ adding a column with a constant default is a metadata-only change, so it does not rewrite " +
          "or lock the table for long. I'll add it NOT NULL DEFAULT 'USD' with a check on ISO 4217 codes.",
        call("edit_file", {
          target_file: "migrations/20250114_invoices_currency.sql",
          instructions:
            "ALTER TABLE invoices ADD COLUMN currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$');",
        }),
      ),
      tool("edit_file", "Created migrations/20250114_invoices_currency.sql"),
      assistant(
        "Let me run it against the staging copy.",
        call("run_terminal_cmd", { command: "pnpm db:migrate --env staging" }),
      ),
      tool(
        "run_terminal_cmd",
        "Applying 20250114_invoices_currency.sql ... done in 38 ms (12,408,211 rows, no rewrite)",
      ),
      assistant(
        "The migration adds invoices.currency (char(3), default USD, checked) in 38 ms on staging's 12 million " +
          "rows. The Invoice type and the API schema now carry currency.",
      ),
    ],
  },
  {
    externalId: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
    source: "claude-code",
    title: "Explain the rate limiter and add tests for it",
    projectPath: "/home/dev/projects/acme-api",
    model: "claude-haiku-4-5",
    provider: "anthropic",
    hoursAgo: 181,
    minutes: 19,
    turns: [
      user("How does our rate limiter work? Then add tests for the edge of the window."),
      assistant("Reading the limiter.", call("Read", { file_path: "src/middleware/rate-limit.ts" })),
      tool(
        "Read",
        "// fixed window per API key: 60 requests per minute\nconst windows = new Map<string, { start: number; " +
          "count: number }>();",
      ),
      assistant(
        "It is a fixed window per API key: the first request opens a one-minute window, each request counts, and " +
          "over 60 the middleware answers 429 with Retry-After set to the seconds left in the window. I'll test the " +
          "60th and 61st requests and the reset after the window.",
        call("Write", {
          file_path: "src/middleware/rate-limit.test.ts",
          content: "it('answers 429 with Retry-After on the 61st request', ...)",
        }),
      ),
      tool("Write", "File created successfully at: src/middleware/rate-limit.test.ts"),
      assistant(
        "Added 4 tests with a fake clock: 60 requests pass, the 61st gets 429 with the right Retry-After, and a new " +
          "window opens after a minute.",
      ),
    ],
  },
  {
    externalId: "ses_01JCM5R8TB3Y6N2WQK9D4F7H1A",
    source: "opencode",
    title: "Dockerize the CLI for releases",
    projectPath: "/home/dev/projects/acme-cli",
    model: "gpt-5",
    provider: "openai",
    hoursAgo: 212,
    minutes: 37,
    turns: [
      user("Ship the CLI as a Docker image too. Small image, non-root user."),
      assistant(
        "A multi-stage build: compile in node:20, copy only the bundle into a distroless image that runs as " +
          "nonroot. That keeps the image around 60 MB.",
        call("write", {
          filePath: "Dockerfile",
          content:
            "FROM node:20 AS build\n...\nFROM gcr.io/distroless/nodejs20-debian12:nonroot\nCOPY --from=build " +
            '/app/dist /app\nENTRYPOINT ["/nodejs/bin/node", "/app/cli.js"]',
        }),
      ),
      tool("write", "Wrote Dockerfile (14 lines)"),
      assistant(
        "Building it to check the size.",
        call("bash", { command: "docker build -t acme-cli:dev . && docker image ls acme-cli:dev" }),
      ),
      tool(
        "bash",
        "REPOSITORY   TAG   IMAGE ID       CREATED         SIZE\nacme-cli     dev   3f2a9c1d7b8e   2 seconds ago   " +
          "58.3MB",
      ),
      assistant(
        "The image is 58 MB and runs as nonroot; `docker run --rm acme-cli:dev --help` works. A release job can " +
          "push it next to the npm package.",
      ),
    ],
  },
];
