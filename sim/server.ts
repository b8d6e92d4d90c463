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
import { type BillingLedger, billingLedger } from "./billing/ledger";
import { ceService } from "./services/ce";
import { computeOptimizerService } from "./services/compute-optimizer";
import { cloudwatchService } from "./services/cloudwatch";
import { lambdaService } from "./services/lambda";
import { logsService } from "./services/logs";
import { createLogsState, type LogsState } from "./logs/state";
import type { QueryConfig } from "./logs/query-runner";
import { sqsService } from "./services/sqs";
import { stsService } from "./services/sts";
import { taggingService } from "./services/tagging";
import { xrayService } from "./services/xray";
import { LOGS_NAMESPACE, logsMetricSeries } from "./logs/ingestion";
import { LAMBDA_INSIGHTS_NAMESPACE, lambdaInsightsMetricSeries } from "./logs/lambda-insights-metrics";
import { createDispatcher } from "./wire/dispatch";
import { AwsError } from "./wire/errors";
import { BodyTooLargeError, jsonResponse, readRequest, writeResponse, type SimRequest, type SimResponse } from "./wire/http";
import type { CallContext } from "./wire/service";

export interface StartSimOptions {
  port?: number; // 0 = an ephemeral port
  host?: string;
  seed?: number;
  functionCount?: number;
  anchorMs?: number;
  fixedNowMs?: number;
  /** A model built by the caller (tests pin one); otherwise built from the options above. */
  model?: SimModel;
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
  model: SimModel;
  meter: Meter;
  faults: Faults;
  /** CloudWatch Logs state: stored events (imports, PutLogEvents), queries, query definitions. */
  logs: LogsState;
  /** The account's bill (what Cost Explorer answers from); shared by every server of the same model. */
  billing: BillingLedger;
  close(): Promise<void>;
}

// CloudWatch is built per server too (below): its AWS/Logs metrics come from the account's log store.
export const SERVICES = [lambdaService, sqsService, stsService, taggingService, xrayService, ceService, computeOptimizerService];

export async function startSim(opts: StartSimOptions = {}): Promise<RunningSim> {
  const host = opts.host ?? "127.0.0.1";
  const model =
    opts.model ??
    createModel({ seed: opts.seed, functionCount: opts.functionCount, anchorMs: opts.anchorMs, fixedNowMs: opts.fixedNowMs });
  const meter = new Meter();
  const faults = new Faults();
  const logs = createLogsState(model, meter, opts.queries);
  const billing = billingLedger(model);
  if (opts.warmBilling) void billing.ready();
  // CloudWatch Logs keeps per-account state (events, running queries), so it is built per server.
  // LambdaInsights: the metrics CloudWatch extracts from the Lambda Insights events' EMF blocks.
  const cloudwatch = cloudwatchService({
    [LOGS_NAMESPACE]: (m, req) => logsMetricSeries(m, logs.store, req),
    [LAMBDA_INSIGHTS_NAMESPACE]: (m, req) => lambdaInsightsMetricSeries(m, req),
  });
  const dispatch = createDispatcher([...SERVICES, cloudwatch, logsService(logs, meter, faults)]);
  let fallbackHost = `${host}:${opts.port ?? 4566}`;

  async function answer(request: SimRequest): Promise<SimResponse> {
    if (request.rawPath.startsWith(CONTROL_PREFIX)) return handleControl(request, { meter, faults });
    const d = dispatch(request);
    if (d.kind === "reject") return d.render.error(d.error);

    const iamAction = `${d.service.iamPrefix}:${d.action}`;
    meter.countRequest(iamAction);
    const fault = faults.take(iamAction);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    const errors = d.service.faults(model.fleet.accountId);
    try {
      if (fault.failure === "throttle") throw errors.throttle(iamAction);
      if (fault.failure === "accessDenied") throw errors.accessDenied(iamAction);
      if (fault.failure === "error5xx") throw errors.serverError();
      if (fault.failure === "optInRequired" && errors.optInRequired) throw errors.optInRequired();
      const ctx: CallContext = { model, request, recordUsage: (usage) => meter.recordUsage(iamAction, usage) };
      return d.render.ok(await d.service.actions[d.action](d.input, ctx));
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
    logs,
    billing,
    close: () =>
      new Promise<void>((resolve) => {
        logs.queries.cancelAll();
        server.close(() => resolve());
        // The SDK keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
