// What a service module (sim/services/*) hands the wire layer: its actions and how the wire
// reaches them. Services never build HTTP responses; protocols (rest-json, json-rpc, query) do.
import type { BillingLedger } from "../billing/ledger";
import type { SimModel } from "../model/types";
import type { AwsError } from "./errors";
import type { SimRequest } from "./http";

/** Per-call facts a handler may need besides its input. */
export interface CallContext {
  /** The region the request was signed for (the first region's, for a global service). */
  model: SimModel;
  /** The account's bill, every region's (what Cost Explorer answers from). */
  billing: BillingLedger;
  request: SimRequest;
  /**
   * Handlers of billed calls report an answered call here (GetMetricData with its volume, Cost
   * Explorer per request); every request, answered or not, is counted by the server.
   */
  recordUsage(usage: UsageReport): void;
}

export interface UsageReport {
  metricsRequested?: number;
  datapointsReturned?: number;
  /** Requests billed per call (Cost Explorer: $0.01 each). */
  billedRequests?: number;
}

/** Input members by their AWS names. REST path labels and query strings arrive as strings. */
export type ActionInput = Record<string, unknown>;
export type ActionHandler = (input: ActionInput, ctx: CallContext) => unknown;

export interface RestRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path template as in the SDK's serializer, e.g. "/2015-03-31/functions/{FunctionName}/aliases/{Name}". */
  path: string;
  action: string;
  /** Constant query members that tell two operations on one path apart (Lambda's `?List=ALL`). */
  query?: Record<string, string>;
  /** Input members travel as a JSON object in the body (X-Ray's `POST /GetSamplingRules`), not in the query string. */
  body?: true;
}

/** The errors a service answers with when a fault is injected (see sim/control/faults.ts). */
export interface FaultErrors {
  throttle(iamAction: string): AwsError;
  accessDenied(iamAction: string): AwsError;
  serverError(): AwsError;
  /** Compute Optimizer: the account has not opted in (fault `optInRequired`). */
  optInRequired?(): AwsError;
}

export interface ServiceDef {
  /** IAM prefix, also the meter's key prefix: "lambda", "cloudwatch", "sqs", "sts". */
  iamPrefix: string;
  /**
   * Answers for the whole account whatever region signed the request: Cost Explorer has one
   * endpoint (ce.us-east-1.amazonaws.com, AWS service endpoints), so its handlers get the first
   * region's model and the account's bill.
   */
  global?: true;
  protocol:
    | { kind: "rest-json"; routes: RestRoute[] }
    | { kind: "json"; version: "1.0" | "1.1"; targetPrefix: string }
    | { kind: "query"; version: string; xmlns: string };
  actions: Record<string, ActionHandler>;
  faults(accountId: string): FaultErrors;
}
