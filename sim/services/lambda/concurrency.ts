// GetFunctionConcurrency, GetAccountSettings, ListProvisionedConcurrencyConfigs, GetProvisionedConcurrencyConfig.
import type { FunctionSpec, SimModel } from "../../model/types";
import { lambdaTimestamp } from "../../wire/format";
import { AwsError } from "../../wire/errors";
import type { ActionInput, CallContext } from "../../wire/service";
import { pageByMarker } from "./paging";
import { functionArn, resolveUnqualified, versionsAt } from "./resolve";

// Lambda quotas (Lambda Developer Guide, "Lambda quotas"): 75 GB of function and layer storage,
// 250 MB unzipped and 50 MB zipped deployment packages.
const TOTAL_CODE_SIZE_LIMIT_BYTES = 75 * 1024 ** 3;
const CODE_SIZE_UNZIPPED_LIMIT_BYTES = 250 * 1024 ** 2;
const CODE_SIZE_ZIPPED_LIMIT_BYTES = 50 * 1024 ** 2;

// ListProvisionedConcurrencyConfigs MaxItems: 1–50 (Lambda API reference).
const LIST_PC_PAGE = { defaultItems: 50, capItems: 50, maxItems: 50 };

export function getFunctionConcurrency(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  // No reserved concurrency → an empty object (the member is absent), not 0.
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function getAccountSettings(_input: ActionInput, { model }: CallContext) {
  const { account, functions } = model.fleet;
  const now = model.nowMs();
  // Every published version keeps its own copy of the package, so it counts toward storage.
  const storedBytes = functions.reduce((sum, fn) => sum + fn.codeSizeBytes * (1 + versionsAt(fn, now).length), 0);
  return {
    AccountLimit: {
      TotalCodeSize: TOTAL_CODE_SIZE_LIMIT_BYTES,
      CodeSizeUnzipped: CODE_SIZE_UNZIPPED_LIMIT_BYTES,
      CodeSizeZipped: CODE_SIZE_ZIPPED_LIMIT_BYTES,
      ConcurrentExecutions: account.concurrentExecutions,
      UnreservedConcurrentExecutions: account.unreservedConcurrentExecutions,
    },
    AccountUsage: {
      TotalCodeSize: account.codeSizeZippedBytes > 0 ? account.codeSizeZippedBytes : storedBytes,
      FunctionCount: functions.length,
    },
  };
}

export function listProvisionedConcurrencyConfigs(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  const configs = fn.provisionedConcurrency ? [provisionedConfig(fn, model)] : [];
  const { page, nextMarker } = pageByMarker(configs, input, `ListProvisionedConcurrencyConfigs|${fn.name}`, LIST_PC_PAGE);
  return { ProvisionedConcurrencyConfigs: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
}

export function getProvisionedConcurrencyConfig(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  if (!fn.provisionedConcurrency || fn.provisionedConcurrency.qualifier !== input.Qualifier) {
    throw new AwsError({
      code: "ProvisionedConcurrencyConfigNotFoundException",
      status: 404,
      message: "No Provisioned Concurrency Config found for this function",
    });
  }
  const { FunctionArn: _arn, ...rest } = provisionedConfig(fn, model);
  return rest;
}

/** READY with everything allocated once allocatedAtMs has passed; IN_PROGRESS with nothing available before. */
function provisionedConfig(fn: FunctionSpec, model: SimModel) {
  const pc = fn.provisionedConcurrency!;
  const ready = pc.allocatedAtMs <= model.nowMs();
  return {
    FunctionArn: functionArn(model, fn.name, pc.qualifier),
    RequestedProvisionedConcurrentExecutions: pc.requested,
    AvailableProvisionedConcurrentExecutions: ready ? pc.requested : 0,
    AllocatedProvisionedConcurrentExecutions: ready ? pc.requested : 0,
    Status: ready ? "READY" : "IN_PROGRESS",
    LastModified: lambdaTimestamp(pc.allocatedAtMs),
  };
}
