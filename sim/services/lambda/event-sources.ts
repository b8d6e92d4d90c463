// Event source mappings and asynchronous-invocation config: ListEventSourceMappings,
// GetEventSourceMapping, GetFunctionEventInvokeConfig, ListFunctionEventInvokeConfigs.
import type { EventSourceMappingSpec, FunctionSpec, SimModel } from "../../model/types";
import { epochSeconds } from "../../wire/format";
import type { ActionInput, CallContext } from "../../wire/service";
import { resourceNotFound } from "./errors";
import { pageByMarker } from "./paging";
import { LATEST, functionArn, parseFunctionName, resolveFunction, resolveUnqualified } from "./resolve";

// "ListEventSourceMappings returns a maximum of 100 items in each response, even if you set the
// number higher" (Lambda API reference, MaxItems 1–10,000).
const LIST_ESM_PAGE = { defaultItems: 100, capItems: 100, maxItems: 10_000 };
// ListFunctionEventInvokeConfigs MaxItems: 1–50.
const LIST_EIC_PAGE = { defaultItems: 50, capItems: 50, maxItems: 50 };

export function listEventSourceMappings(input: ActionInput, { model }: CallContext) {
  const byName = typeof input.FunctionName === "string" ? parseFunctionName(input.FunctionName).name : undefined;
  const bySource = typeof input.EventSourceArn === "string" ? input.EventSourceArn : undefined;
  const mappings = [...model.fleet.functions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((fn) => byName === undefined || fn.name === byName)
    .flatMap((fn) => fn.eventSourceMappings.map((esm) => ({ fn, esm })))
    .filter(({ esm }) => bySource === undefined || esm.eventSourceArn === bySource);
  const scope = `ListEventSourceMappings|${byName ?? ""}|${bySource ?? ""}`;
  const { page, nextMarker } = pageByMarker(mappings, input, scope, LIST_ESM_PAGE);
  return { EventSourceMappings: page.map(({ fn, esm }) => mappingConfiguration(fn, esm, model)), ...(nextMarker ? { NextMarker: nextMarker } : {}) };
}

export function getEventSourceMapping(input: ActionInput, { model }: CallContext) {
  for (const fn of model.fleet.functions) {
    const esm = fn.eventSourceMappings.find((m) => m.uuid === input.UUID);
    if (esm) return mappingConfiguration(fn, esm, model);
  }
  throw resourceNotFound("The resource you requested does not exist.");
}

export function getFunctionEventInvokeConfig(input: ActionInput, { model }: CallContext) {
  const r = resolveFunction(model, input.FunctionName, input.Qualifier);
  const qualifier = r.qualifier ?? LATEST;
  // The model holds one config, on $LATEST; versions and aliases have none. Message as Lambda words it
  // (mirrored by LocalStack's parity-tested provider): "The function <qualified ARN> doesn't have an EventInvokeConfig".
  const config = qualifier === LATEST ? eventInvokeConfig(r.fn, model) : undefined;
  if (!config) throw resourceNotFound(`The function ${functionArn(model, r.fn.name, qualifier)} doesn't have an EventInvokeConfig`);
  return config;
}

export function listFunctionEventInvokeConfigs(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  const config = eventInvokeConfig(fn, model);
  const { page, nextMarker } = pageByMarker(config ? [config] : [], input, `ListFunctionEventInvokeConfigs|${fn.name}`, LIST_EIC_PAGE);
  return { FunctionEventInvokeConfigs: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
}

function eventInvokeConfig(fn: FunctionSpec, model: SimModel) {
  if (fn.maximumRetryAttempts === undefined && fn.maximumEventAgeS === undefined && !fn.onFailureDestinationArn) return undefined;
  return {
    // FunctionEventInvokeConfig.LastModified is a timestamp member (epoch seconds in restJson1),
    // unlike FunctionConfiguration.LastModified, which is a string.
    LastModified: epochSeconds(fn.lastModifiedMs),
    FunctionArn: functionArn(model, fn.name, LATEST),
    ...(fn.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: fn.maximumRetryAttempts } : {}),
    ...(fn.maximumEventAgeS !== undefined ? { MaximumEventAgeInSeconds: fn.maximumEventAgeS } : {}),
    DestinationConfig: { OnSuccess: {}, OnFailure: fn.onFailureDestinationArn ? { Destination: fn.onFailureDestinationArn } : {} },
  };
}

function mappingConfiguration(fn: FunctionSpec, esm: EventSourceMappingSpec, model: SimModel) {
  const { region, accountId } = model.fleet;
  const isStream = /^arn:aws[a-zA-Z-]*:(kinesis|dynamodb):/.test(esm.eventSourceArn);
  const common = {
    UUID: esm.uuid,
    BatchSize: esm.batchSize,
    MaximumBatchingWindowInSeconds: 0,
    EventSourceArn: esm.eventSourceArn,
    FunctionArn: functionArn(model, fn.name),
    LastModified: epochSeconds(esm.lastModifiedMs),
    State: esm.state,
    StateTransitionReason: "USER_INITIATED",
    FunctionResponseTypes: [],
    EventSourceMappingArn: `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${esm.uuid}`,
  };
  if (!isStream) return common;
  // Stream sources (Kinesis, DynamoDB Streams) carry the stream-only settings, at Lambda's defaults.
  return {
    ...common,
    StartingPosition: "LATEST",
    ParallelizationFactor: 1,
    MaximumRecordAgeInSeconds: -1,
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    TumblingWindowInSeconds: 0,
    LastProcessingResult: "OK",
    DestinationConfig: { OnFailure: {} },
  };
}
