// The demo account's regions. Each region is what AWS keeps apart per region: its own fleet model
// (functions, queues, alarms, metrics) and its own CloudWatch Logs (stored events, running queries —
// the 30-concurrent-query limit is per account per Region, CloudWatch Logs quotas). A request goes
// to the region its SigV4 credential scope names (sim/wire/credential-scope.ts).
import { createModel } from "./model";
import { DEFAULT_REGION } from "./model/fleet-resources";
import { hash4 } from "./model/rng";
import type { SimModel } from "./model/types";
import type { Faults } from "./control/faults";
import type { Meter } from "./control/meter";
import { REGION_BILLING_CODES } from "./billing/prices";
import { LOGS_NAMESPACE, logsMetricSeries } from "./logs/ingestion";
import { LAMBDA_INSIGHTS_NAMESPACE, lambdaInsightsMetricSeries } from "./logs/lambda-insights-metrics";
import type { QueryConfig } from "./logs/query-runner";
import { createLogsState, type LogsState } from "./logs/state";
import { cloudwatchService } from "./services/cloudwatch";
import { logsService } from "./services/logs";
import { isRegionName } from "./wire/credential-scope";
import { createDispatcher, type Dispatched } from "./wire/dispatch";
import type { SimRequest } from "./wire/http";
import type { ServiceDef } from "./wire/service";

export interface RegionOption {
  region: string;
  /** Functions in the region: the first region defaults to the model's 40, the others to OTHER_REGION_FUNCTIONS. */
  functionCount?: number;
}

export interface SimRegion {
  region: string;
  model: SimModel;
  logs: LogsState;
  /** Configured (in SIM_REGIONS / `regions`), or an empty region a request named. */
  configured: boolean;
  dispatch(req: SimRequest): Dispatched;
}

/** Other regions are smaller by default: a demo account with one main region and a few more. */
export const OTHER_REGION_FUNCTIONS = 12;
const SALT_REGION_SEED = 0x5e1e;

/** The first region keeps the account's seed (its data is the one-region account's); others derive one. */
export const regionSeed = (seed: number, index: number) => (index === 0 ? seed : hash4(seed, index, SALT_REGION_SEED, 0) & 0x7fff_ffff);

/** Why a region list cannot be an account, or undefined: names, duplicates, billing codes. */
export function checkRegions(regions: RegionOption[]): string | undefined {
  if (regions.length === 0) return "at least one region";
  const seen = new Set<string>();
  for (const { region } of regions) {
    if (!isRegionName(region)) return `${region} is not an AWS region name (e.g. eu-west-1)`;
    if (!REGION_BILLING_CODES[region]) return `${region}: the demo has no billing code for it (sim/billing/prices.ts REGION_BILLING_CODES)`;
    if (seen.has(region)) return `${region} is listed twice`;
    seen.add(region);
  }
  return undefined;
}

/**
 * SIM_REGIONS: `region[:functions]`, comma-separated, first region first, e.g.
 * `us-east-1,eu-west-1:12`. A region without a size takes the default (SIM_FUNCTIONS for the
 * first, OTHER_REGION_FUNCTIONS for the others). Empty or unset: us-east-1 only.
 */
export function parseRegions(raw: string | undefined, maxFunctions: number): RegionOption[] {
  if (raw === undefined || raw.trim() === "") return [{ region: DEFAULT_REGION }];
  const regions = raw.split(",").map((entry): RegionOption => {
    const [region, count, ...rest] = entry.trim().split(":");
    if (rest.length > 0 || !region) throw new Error(`"${entry}" is not region[:functions]`);
    if (count === undefined) return { region };
    const n = Number(count);
    if (count === "" || !Number.isInteger(n) || n < 0 || n > maxFunctions) throw new Error(`${region}'s function count ${count} is not an integer from 0 to ${maxFunctions}`);
    return { region, functionCount: n };
  });
  const problem = checkRegions(regions);
  if (problem) throw new Error(problem);
  return regions;
}

export interface AccountOptions {
  /** The first region's model (the caller's, or built from startSim's options); others share its anchor and clock. */
  first: SimModel;
  regions: RegionOption[];
  meter: Meter;
  faults: Faults;
  queries?: Partial<QueryConfig>;
  /** Services with no per-region state (every region's dispatcher shares them). */
  services: ServiceDef[];
}

export class Account {
  readonly configured: SimRegion[];
  private readonly byName = new Map<string, SimRegion>();

  constructor(private readonly opts: AccountOptions) {
    const { first, regions } = opts;
    this.configured = regions.map(({ region, functionCount }, i) => {
      const model = i === 0
        ? first
        : createModel({ region, seed: regionSeed(first.fleet.seed, i), functionCount: functionCount ?? OTHER_REGION_FUNCTIONS, anchorMs: first.fleet.anchorMs, clock: () => first.nowMs() });
      return this.makeRegion(model, true);
    });
    for (const r of this.configured) this.byName.set(r.region, r);
  }

  /** Every region requests have reached so far, configured or not. */
  all(): SimRegion[] {
    return [...this.byName.values()];
  }

  get first(): SimRegion {
    return this.configured[0];
  }

  /**
   * The region a request is for: a configured one, an empty one for any other region name (what a
   * real account has in a region it never used; made on first use and kept, so log groups created
   * there stay), or the first region when the name is missing or not a region.
   */
  region(name: string | undefined): SimRegion {
    if (name === undefined || !isRegionName(name)) return this.first;
    let r = this.byName.get(name);
    if (!r) {
      const model = createModel({ region: name, functionCount: 0, anchorMs: this.first.model.fleet.anchorMs, clock: () => this.first.model.nowMs() });
      this.byName.set(name, (r = this.makeRegion(model, false)));
    }
    return r;
  }

  private makeRegion(model: SimModel, configured: boolean): SimRegion {
    const { meter, faults, queries, services } = this.opts;
    const region = model.fleet.region;
    const logs = createLogsState(model, meter.forRegion(region), queries);
    // AWS/Logs comes from the region's log store; LambdaInsights from the Lambda Insights events' EMF blocks.
    const cloudwatch = cloudwatchService({
      [LOGS_NAMESPACE]: (m, req) => logsMetricSeries(m, logs.store, req),
      [LAMBDA_INSIGHTS_NAMESPACE]: (m, req) => lambdaInsightsMetricSeries(m, req),
    });
    const dispatch = createDispatcher([...services, cloudwatch, logsService(logs, meter.forRegion(region), faults)]);
    return { region, model, logs, configured, dispatch };
  }
}

export { DEFAULT_REGION };
