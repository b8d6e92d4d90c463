// Everything CloudWatch Logs holds for one running demo account: imported/put events, Logs
// Insights queries (running and recently finished) and saved query definitions. Generated Lambda
// lines are not state: they are rebuilt from the model whenever a query scans them.
import type { InsightsMeter } from "../control/meter";
import type { SimModel } from "../model/types";
import { type QueryDefinition, defaultQueryDefinitions } from "./query-definitions";
import { DEFAULT_QUERY_CONFIG, type QueryConfig, QueryRegistry } from "./query-runner";
import { LogStore } from "./store";

export interface LogsState {
  store: LogStore;
  queries: QueryRegistry;
  definitions: QueryDefinition[];
}

export function createLogsState(model: SimModel, meter: InsightsMeter, config: Partial<QueryConfig> = {}): LogsState {
  return {
    store: new LogStore(model.fleet.accountId),
    queries: new QueryRegistry(model, { ...DEFAULT_QUERY_CONFIG, ...config }, (q) => meter.recordInsightsScan(q.statistics().bytesScanned)),
    definitions: defaultQueryDefinitions(model.fleet),
  };
}
