import "server-only";
import {
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  paginateListVersionsByFunction,
  type GetFunctionCommandOutput,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch, cachedPanel } from "@/lib/aws/cached-fetch";
import { CostLedger } from "@/lib/cost/observation-cost";
import { toFunctionSummary } from "@/lib/functions/list-functions";
import { parseQueueArn } from "@/lib/sqs/queue-depth";
import type { AliasInfo, AsyncConfig, EventSourceInfo, FunctionConfig, FunctionDetail, ProvisionedConcurrencyInfo, VersionInfo } from "@/lib/types";

const CONFIG_TTL_MS = 60_000;

export function toFunctionConfig(out: GetFunctionCommandOutput): FunctionConfig {
  const c = out.Configuration ?? {};
  return {
    ...toFunctionSummary(c),
    handler: c.Handler ?? "",
    role: c.Role ?? "",
    state: c.State ?? "Active",
    packageType: c.PackageType ?? "Zip",
    codeSizeBytes: c.CodeSize ?? 0,
    ephemeralStorageMb: c.EphemeralStorage?.Size ?? 512,
    tracingMode: c.TracingConfig?.Mode ?? "PassThrough",
    logFormat: c.LoggingConfig?.LogFormat ?? "Text",
    appLogLevel: c.LoggingConfig?.ApplicationLogLevel ?? null,
    reservedConcurrency: out.Concurrency?.ReservedConcurrentExecutions ?? null,
    tags: out.Tags ?? {},
  };
}

/** The function's configuration, or null when it does not exist (ResourceNotFoundException). */
export async function getFunctionConfig(name: string) {
  try {
    return await cachedFetch(`lambda:GetFunction|${name}`, CONFIG_TTL_MS, async (ledger) => {
      ledger.count("lambda:GetFunction");
      return toFunctionConfig(await awsClients().lambda.send(new GetFunctionCommand({ FunctionName: name })));
    });
  } catch (err) {
    if ((err as Error).name === "ResourceNotFoundException") return null;
    throw err;
  }
}

export async function listVersions(lambda: LambdaClient, name: string, ledger: CostLedger): Promise<VersionInfo[]> {
  const versions: VersionInfo[] = [];
  for await (const page of paginateListVersionsByFunction({ client: lambda, pageSize: 50 }, { FunctionName: name })) {
    ledger.count("lambda:ListVersionsByFunction");
    for (const v of page.Versions ?? []) {
      if (v.Version === "$LATEST") continue;
      versions.push({ version: v.Version ?? "", description: v.Description ?? "", lastModified: v.LastModified ?? "", memoryMb: v.MemorySize ?? 0, codeSha256: v.CodeSha256 ?? "" });
    }
  }
  return versions.sort((a, b) => Number(b.version) - Number(a.version));
}

export async function listAliases(lambda: LambdaClient, name: string, ledger: CostLedger): Promise<AliasInfo[]> {
  ledger.count("lambda:ListAliases");
  const out = await lambda.send(new ListAliasesCommand({ FunctionName: name }));
  return (out.Aliases ?? []).map((a) => ({
    name: a.Name ?? "",
    version: a.FunctionVersion ?? "",
    additionalVersionWeights: a.RoutingConfig?.AdditionalVersionWeights ?? {},
    description: a.Description ?? "",
    revisionId: a.RevisionId ?? "",
  }));
}

async function listEventSources(lambda: LambdaClient, name: string, ledger: CostLedger): Promise<EventSourceInfo[]> {
  ledger.count("lambda:ListEventSourceMappings");
  const out = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: name }));
  return (out.EventSourceMappings ?? []).map((m) => ({
    uuid: m.UUID ?? "",
    eventSourceArn: m.EventSourceArn ?? "",
    state: m.State ?? "",
    batchSize: m.BatchSize ?? null,
    lastModified: m.LastModified ? m.LastModified.toISOString() : null,
  }));
}

async function getAsyncConfig(lambda: LambdaClient, name: string, ledger: CostLedger): Promise<AsyncConfig | null> {
  ledger.count("lambda:GetFunctionEventInvokeConfig");
  try {
    const c = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }));
    return {
      onFailureArn: c.DestinationConfig?.OnFailure?.Destination ?? null,
      onSuccessArn: c.DestinationConfig?.OnSuccess?.Destination ?? null,
      maximumRetryAttempts: c.MaximumRetryAttempts ?? null,
      maximumEventAgeS: c.MaximumEventAgeInSeconds ?? null,
      lastModified: c.LastModified ? c.LastModified.toISOString() : null,
    };
  } catch (err) {
    // No event-invoke config is the common case, and AWS says so with a 404: it means "defaults".
    if ((err as Error).name === "ResourceNotFoundException") return null;
    throw err;
  }
}

export async function listProvisioned(lambda: LambdaClient, name: string, ledger: CostLedger): Promise<ProvisionedConcurrencyInfo[]> {
  ledger.count("lambda:ListProvisionedConcurrencyConfigs");
  const out = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name }));
  return (out.ProvisionedConcurrencyConfigs ?? []).map((p) => ({
    qualifier: p.FunctionArn?.split(":").pop() ?? "",
    requested: p.RequestedProvisionedConcurrentExecutions ?? 0,
    allocated: p.AllocatedProvisionedConcurrentExecutions ?? 0,
    available: p.AvailableProvisionedConcurrentExecutions ?? 0,
    status: p.Status ?? "",
    lastModifiedMs: p.LastModified && Number.isFinite(Date.parse(p.LastModified)) ? Date.parse(p.LastModified) : null,
  }));
}

/** The failure queue: DeadLetterConfig first, else an SQS on-failure destination. */
export function dlqArnOf(config: FunctionConfig, asyncConfig: AsyncConfig | null | undefined): string | null {
  if (config.dlqArn && parseQueueArn(config.dlqArn)) return config.dlqArn;
  const onFailure = asyncConfig?.onFailureArn;
  return onFailure && parseQueueArn(onFailure) ? onFailure : null;
}

/** A function as most API routes need it: its configuration only (one cached GetFunction), or null when it does not exist. */
export type FunctionRef = Pick<FunctionDetail, "config">;

export async function lookupFunction(name: string): Promise<FunctionRef | null> {
  const config = await getFunctionConfig(name);
  return config && { config: config.value };
}

/**
 * The failure queue (dlqArnOf), reading the event-invoke configuration only when there is no
 * DeadLetterConfig; throws if that read fails, so the caller's panel names the action.
 */
export async function functionDlqArn(config: FunctionConfig): Promise<string | null> {
  if (config.dlqArn && parseQueueArn(config.dlqArn)) return config.dlqArn;
  // The key getFunctionDetail's panel caches it under: the function page has usually read it already.
  const { value } = await cachedFetch(`lambda:GetFunctionEventInvokeConfig|${config.name}`, CONFIG_TTL_MS, (l) => getAsyncConfig(awsClients().lambda, config.name, l));
  return dlqArnOf(config, value);
}

/** Configuration plus one panel per Lambda action, so one denied action breaks one panel. */
export async function getFunctionDetail(name: string): Promise<FunctionDetail | null> {
  const config = await getFunctionConfig(name);
  if (!config) return null;
  const { lambda } = awsClients();
  const ledger = new CostLedger();
  ledger.merge(config.cost);
  const part = <T>(action: string, load: (l: LambdaClient, n: string, ledger: CostLedger) => Promise<T>) =>
    cachedPanel(action, `${action}|${name}`, CONFIG_TTL_MS, (l) => load(lambda, name, l), ledger);
  const [versions, aliases, eventSources, asyncConfig, provisionedConcurrency] = await Promise.all([
    part("lambda:ListVersionsByFunction", listVersions),
    part("lambda:ListAliases", listAliases),
    part("lambda:ListEventSourceMappings", listEventSources),
    part("lambda:GetFunctionEventInvokeConfig", getAsyncConfig),
    part("lambda:ListProvisionedConcurrencyConfigs", listProvisioned),
  ]);
  return {
    config: config.value,
    versions,
    aliases,
    eventSources,
    asyncConfig,
    provisionedConcurrency,
    dlqArn: dlqArnOf(config.value, asyncConfig.ok ? asyncConfig.data : undefined),
    cost: ledger.total(),
  };
}
