// The demo AWS account's HTTP server: one port that answers Lambda and X-Ray (REST-JSON), CloudWatch, SQS and
// Compute Optimizer (JSON 1.0), CloudWatch Logs, Tagging and Cost Explorer (JSON 1.1), STS (query/XML) and the
// /_sim/ control path. The wire layer is here and in
// sim/wire + sim/services; the fleet itself lives in sim/model and is reached only through SimModel.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createModel } from "./model";
import type { SimModel } from "./model/types";
import { Faults } from "./control/faults";
import { Meter } from "./control/meter";
import { CONTROL_PREFIX, handleControl } from "./control/routes";
import { type BillingLedger, accountLedger } from "./billing/ledger";
import { Account, type RegionOption, DEFAULT_REGION, checkRegions } from "./account";
import { ceService } from "./services/ce";
import { computeOptimizerService } from "./services/compute-optimizer";
import { lambdaService } from "./services/lambda";
import type { LogsState } from "./logs/state";
import type { QueryConfig } from "./logs/query-runner";
import { sqsService } from "./services/sqs";
import { stsService } from "./services/sts";
import { taggingService } from "./services/tagging";
import { xrayService } from "./services/xray";
import { credentialScope } from "./wire/credential-scope";
import { AwsError } from "./wire/errors";
import { BodyTooLargeError, jsonResponse, readRequest, writeResponse, type SimRequest, type SimResponse } from "./wire/http";
import type { CallContext } from "./wire/service";

export interface StartSimOptions {
  port?: number; // 0 = an ephemeral port
  host?: string;
  /** seed, functionCount and model are the first region's (SIM_SEED, SIM_FUNCTIONS). */
  seed?: number;
  functionCount?: number;
  anchorMs?: number;
  fixedNowMs?: number;
  /** A model built by the caller (tests pin one); otherwise built from the options above. */
  model?: SimModel;
  /**
   * The account's regions, first region first (SIM_REGIONS). Default: us-east-1 only. The first
   * region's size is `functionCount` unless given here; the others default to 12 functions.
   */
  regions?: RegionOption[];
  /** Logs Insights timing (SIM_QUERY_MIN_MS, SIM_QUERY_TIMEOUT_MS); defaults in sim/logs/query-runner.ts. */
  queries?: Partial<QueryConfig>;
  /**
   * Start computing the bill's exact days in the background (≈ 15 s for 40 functions, in slices
   * between requests), so the first Cost Explorer call does not wait for it. Off by default: tests
   * start many servers and most never ask Cost Explorer.
   */
  warmBilling?: boolean;
}

export interface RunningSim {
  url: string;
  port: number;
  /** The first region's model. */
  model: SimModel;
  meter: Meter;
  faults: Faults;
  /** The first region's CloudWatch Logs state: stored events (imports, PutLogEvents), queries, query definitions. */
  logs: LogsState;
  /** The configured regions, first region first: each with its model and CloudWatch Logs state. */
  regions: { region: string; model: SimModel; logs: LogsState }[];
  /** The account's bill, every region's (what Cost Explorer answers from); a one-region bill is shared by every server of the same model. */
  billing: BillingLedger;
  close(): Promise<void>;
}

// CloudWatch and CloudWatch Logs are built per region (sim/account.ts): they hold the region's log store.
export const SERVICES = [lambdaService, sqsService, stsService, taggingService, xrayService, ceService, computeOptimizerService];

export async function startSim(opts: StartSimOptions = {}): Promise<RunningSim> {
  const host = opts.host ?? "127.0.0.1";
  const first = opts.model ?? createModel({
    seed: opts.seed,
    functionCount: opts.regions?.[0]?.functionCount ?? opts.functionCount,
    anchorMs: opts.anchorMs,
    fixedNowMs: opts.fixedNowMs,
    region: opts.regions?.[0]?.region,
  });
  const regions = opts.regions ?? [{ region: DEFAULT_REGION }];
  const problem = checkRegions(regions) ?? (regions[0].region !== first.fleet.region ? `the model is ${first.fleet.region}'s, the first region ${regions[0].region}` : undefined);
  if (problem) throw new Error(`startSim regions: ${problem}`);
  const meter = new Meter(regions.map((r) => r.region));
  const faults = new Faults();
  const account = new Account({ first, regions, meter, faults, queries: opts.queries, services: SERVICES });
  const model = first;
  const billing = accountLedger(account.configured.map((r) => r.model));
  if (opts.warmBilling) void billing.ready();
  const regionList = () => account.configured.map((r) => ({ region: r.region, functions: r.model.fleet.functions.length, seed: r.model.fleet.seed }));
  let fallbackHost = `${host}:${opts.port ?? 4566}`;

  const trace = process.env.SIM_TRACE === "1";
  async function answer(request: SimRequest): Promise<SimResponse> {
    if (request.rawPath.startsWith(CONTROL_PREFIX)) return handleControl(request, { meter, faults, regions: regionList });
    const signedFor = account.region(credentialScope(request.headers.authorization)?.region);
    const d = signedFor.dispatch(request);
    if (d.kind === "reject") return d.render.error(d.error);

    const iamAction = `${d.service.iamPrefix}:${d.action}`;
    const region = signedFor.region;
    meter.countRequest(iamAction, region);
    const fault = faults.take(iamAction);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    const errors = d.service.faults(model.fleet.accountId);
    const regionModel = d.service.global ? model : signedFor.model;
    try {
      if (fault.failure === "throttle") throw errors.throttle(iamAction);
      if (fault.failure === "accessDenied") throw errors.accessDenied(iamAction);
      if (fault.failure === "error5xx") throw errors.serverError();
      if (fault.failure === "optInRequired" && errors.optInRequired) throw errors.optInRequired();
      const ctx: CallContext = { model: regionModel, billing, request, recordUsage: (usage) => meter.recordUsage(iamAction, usage, region) };
      const started = trace ? performance.now() : 0;
      const out = d.render.ok(await d.service.actions[d.action](d.input, ctx));
      if (trace) console.error(`[sim trace] ${Date.now()} ${region} ${iamAction} ${(performance.now() - started).toFixed(1)} ms`);
      return out;
    } catch (e) {
      if (e instanceof AwsError) return d.render.error(e);
      // A bug in the sim must still look like AWS to the client: a 5xx the SDK retries, logged here.
      console.error(`[sim] ${iamAction} failed:`, e);
      return d.render.error(errors.serverError());
    }
  }

  const server = http.createServer((req, res) => {
    readRequest(req, fallbackHost)
      .then(async (request) => writeResponse(res, await answer(request), request.requestId))
      .catch((e) => {
        const tooLarge = e instanceof BodyTooLargeError;
        if (!tooLarge) console.error("[sim] request failed:", e);
        if (!res.headersSent) writeResponse(res, jsonResponse(tooLarge ? 413 : 500, { message: String(e?.message ?? e) }), "none");
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 4566, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  fallbackHost = `${host}:${port}`;

  return {
    url: `http://${host}:${port}`,
    port,
    model,
    meter,
    faults,
    logs: account.first.logs,
    regions: account.configured.map(({ region, model, logs }) => ({ region, model, logs })),
    billing,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of account.all()) r.logs.queries.cancelAll();
        server.close(() => resolve());
        // The SDK keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
