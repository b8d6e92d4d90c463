// `npm run sim`: the demo AWS account on 127.0.0.1:4566. Point the dashboard at it with
// AWS_ENDPOINT_URL=http://127.0.0.1:4566 (see sim/README.md for the settings below).
// `npm run sim -- --import <file> [--log-group <name>]` loads a log export into CloudWatch Logs.
import { type RegionOption, parseRegions } from "./account";
import { ImportError, importLogFile } from "./logs/import-file";
import { startSim } from "./server";

interface SimSettings {
  port: number;
  host: string;
  seed: number;
  functionCount: number;
  regions: RegionOption[];
  fixedNowMs?: number;
  queryMinMs: number;
  queryTimeoutMs: number;
}

interface ImportArg {
  path: string;
  logGroup?: string;
}

/** `--import <file>` (repeatable), each optionally followed by `--log-group <name>`. */
function readImports(argv: string[]): ImportArg[] {
  const imports: ImportArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--import" || arg === "--log-group") {
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg}: expected a value`);
      if (arg === "--import") imports.push({ path: value });
      else if (imports.length === 0) throw new Error("--log-group: give it after the --import it names");
      else imports[imports.length - 1].logGroup = value;
      i++;
    } else {
      throw new Error(`unknown argument ${arg}; expected --import <file> [--log-group <name>]`);
    }
  }
  return imports;
}

const MAX_FUNCTIONS = 10_000;

function regionsSetting(raw: string | undefined): RegionOption[] {
  try {
    return parseRegions(raw, MAX_FUNCTIONS);
  } catch (e) {
    throw new Error(`SIM_REGIONS=${raw}: ${(e as Error).message}`);
  }
}

/** Reads and checks the SIM_* environment once; a bad value stops start-up with the reason. */
function readSettings(env: NodeJS.ProcessEnv): SimSettings {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: expected an integer from ${min} to ${max}`);
    return n;
  };
  let fixedNowMs: number | undefined;
  if (env.SIM_NOW) {
    fixedNowMs = Date.parse(env.SIM_NOW);
    if (!Number.isFinite(fixedNowMs)) throw new Error(`SIM_NOW=${env.SIM_NOW}: expected an ISO 8601 instant, e.g. 2026-11-20T12:00:00Z`);
  }
  return {
    port: int("SIM_PORT", 4566, 0, 65_535),
    host: env.SIM_HOST || "127.0.0.1",
    seed: int("SIM_SEED", 42, 0, 2 ** 31 - 1),
    functionCount: int("SIM_FUNCTIONS", 40, 1, MAX_FUNCTIONS),
    regions: regionsSetting(env.SIM_REGIONS),
    fixedNowMs,
    queryMinMs: int("SIM_QUERY_MIN_MS", 300, 0, 600_000),
    queryTimeoutMs: int("SIM_QUERY_TIMEOUT_MS", 3_600_000, 1, 86_400_000),
  };
}

async function main(): Promise<void> {
  let settings: SimSettings;
  let imports: ImportArg[];
  try {
    settings = readSettings(process.env);
    imports = readImports(process.argv.slice(2));
  } catch (e) {
    console.error(`sim: ${(e as Error).message}`);
    process.exit(2);
  }
  const warmBilling = process.env.SIM_WARM_BILLING !== "0";
  const sim = await startSim({
    port: settings.port,
    host: settings.host,
    seed: settings.seed,
    functionCount: settings.functionCount,
    regions: settings.regions,
    fixedNowMs: settings.fixedNowMs,
    queries: { minMs: settings.queryMinMs, timeoutMs: settings.queryTimeoutMs },
    // SIM_WARM_BILLING=0: benchmarks and scale tests that never ask Cost Explorer skip computing the bill.
    warmBilling,
  });
  for (const { path, logGroup } of imports) {
    try {
      const r = importLogFile(sim.logs.store, path, logGroup, sim.model.nowMs());
      console.log(`sim: imported ${r.events} events in ${r.streams} streams from ${path} into log group ${r.logGroup}`);
    } catch (e) {
      console.error(`sim: --import ${path}: ${e instanceof ImportError ? e.message : (e as Error).message}`);
      await sim.close();
      process.exit(2);
    }
  }
  const frozen = settings.fixedNowMs !== undefined ? `, clock frozen at ${new Date(settings.fixedNowMs).toISOString()}` : "";
  const regions = sim.regions.map((r) => `${r.region}: ${r.model.fleet.functions.length} functions`).join(", ");
  console.log(`Demo AWS account (${regions}; seed ${settings.seed}${frozen}) listening on ${sim.url}`);
  // Cost Explorer answers from a bill whose last 14 days are computed from every invocation: ready
  // in the background a few seconds after start (a Cost Explorer call made before then waits for it).
  // Only when it was asked for: ready() starts the computation, and its slices between requests
  // add up to 20 ms to every answer until it ends (minutes at 5,000 functions).
  if (warmBilling) {
    const billingStartedMs = performance.now();
    sim.billing.ready().then(() => console.log(`sim: Cost Explorer data ready (${((performance.now() - billingStartedMs) / 1000).toFixed(1)} s)`));
  }

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`sim: ${signal}, closing`);
    sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e) => {
  console.error("sim: failed to start:", e);
  process.exit(1);
});
