/**
 * The child that `npm run bench:profile -- client` runs under --cpu-prof: one contender of the
 * overhead benchmark, over the same in-process fetch, for argv[3] sequential calls.
 */
import { inProcessFetch } from "../client-overhead.js";
import { contenders } from "./contenders.js";

const [name = "opensync-api", calls = "200000"] = process.argv.slice(2);
const call = contenders("https://bench.convex.site", inProcessFetch as typeof fetch)[name];
if (!call) throw new Error(`no contender "${name}"`);
for (let i = 0; i < Number(calls); i++) await call();
