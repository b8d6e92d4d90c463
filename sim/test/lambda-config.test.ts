// Lambda aliases, concurrency, account settings, event sources and async config through the real SDK.
import {
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  paginateListEventSourceMappings,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createModel } from "../model";
import { startSim, type RunningSim } from "../server";
import { MINUTE_MS, NOW_MS, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let lambda: ReturnType<typeof sdkClients>["lambda"];
beforeAll(async () => {
  sim = await startTestSim();
  lambda = sdkClients(sim).lambda;
});
afterAll(() => sim.close());

const fleet = () => sim.model.fleet;

describe("ListAliases / GetAlias", () => {
  test("each alias points where its history says it points at now", async () => {
    const fn = fleet().functions.find((f) => f.aliases.length > 0)!;
    const out = await lambda.send(new ListAliasesCommand({ FunctionName: fn.name }));
    const alias = fn.aliases[0];
    const current = alias.history.filter((h) => h.fromMs <= NOW_MS).at(-1)!;
    expect(out.Aliases).toContainEqual(
      expect.objectContaining({ Name: alias.name, AliasArn: `${fn.arn}:${alias.name}`, FunctionVersion: current.version, Description: alias.description }),
    );
    const got = await lambda.send(new GetAliasCommand({ FunctionName: fn.name, Name: alias.name }));
    expect(got.FunctionVersion).toBe(current.version);
  });

  test("during a canary the alias carries RoutingConfig.AdditionalVersionWeights; after it, none", async () => {
    const badDeploy = fleet().functions.find((f) => f.incident === "bad-deploy")!;
    const live = badDeploy.aliases[0];
    const canary = live.history.find((h) => h.additionalVersionWeights)!;
    expect(canary, "the bad-deploy function's alias history has a weighted step").toBeDefined();
    // The same fleet, with the clock frozen one minute into the canary.
    const during = await startSim({ port: 0, model: createModel({ seed: 42, anchorMs: NOW_MS, fixedNowMs: canary.fromMs + MINUTE_MS }) });
    try {
      const out = await sdkClients(during).lambda.send(new GetAliasCommand({ FunctionName: badDeploy.name, Name: live.name }));
      expect(out.FunctionVersion).toBe(canary.version);
      expect(out.RoutingConfig?.AdditionalVersionWeights).toEqual(canary.additionalVersionWeights);
    } finally {
      await during.close();
    }
    const now = await lambda.send(new GetAliasCommand({ FunctionName: badDeploy.name, Name: live.name }));
    expect(now.RoutingConfig).toBeUndefined();
    expect(now.FunctionVersion).toBe(live.history.at(-1)!.version);
  });

  test("an unknown alias is ResourceNotFoundException", async () => {
    const fn = fleet().functions[0];
    const e = await rejection(lambda.send(new GetAliasCommand({ FunctionName: fn.name, Name: "nope" })));
    expect(e.name).toBe("ResourceNotFoundException");
    expect(e.message).toBe(`Alias not found: ${fn.arn}:nope`);
  });
});

describe("concurrency and account settings", () => {
  test("GetFunctionConcurrency: the reserved value, or nothing when none is reserved", async () => {
    const reserved = fleet().functions.find((f) => f.reservedConcurrency !== undefined)!;
    const open = fleet().functions.find((f) => f.reservedConcurrency === undefined)!;
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: reserved.name }))).ReservedConcurrentExecutions).toBe(
      reserved.reservedConcurrency,
    );
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: open.name }))).ReservedConcurrentExecutions).toBeUndefined();
  });

  test("GetAccountSettings reports the account's limits and usage", async () => {
    const out = await lambda.send(new GetAccountSettingsCommand({}));
    expect(out.AccountLimit).toMatchObject({
      ConcurrentExecutions: fleet().account.concurrentExecutions,
      UnreservedConcurrentExecutions: fleet().account.unreservedConcurrentExecutions,
      CodeSizeZipped: 52_428_800,
      CodeSizeUnzipped: 262_144_000,
      TotalCodeSize: 80_530_636_800,
    });
    expect(out.AccountUsage?.FunctionCount).toBe(fleet().functions.length);
  });

  test("ListProvisionedConcurrencyConfigs: READY configs on their qualifier, empty list otherwise", async () => {
    for (const fn of fleet().functions.slice(0, 60)) {
      const out = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: fn.name }));
      const pc = fn.provisionedConcurrency;
      if (!pc) {
        expect(out.ProvisionedConcurrencyConfigs).toEqual([]);
        continue;
      }
      expect(out.ProvisionedConcurrencyConfigs).toEqual([
        expect.objectContaining({ FunctionArn: `${fn.arn}:${pc.qualifier}`, RequestedProvisionedConcurrentExecutions: pc.requested, Status: "READY" }),
      ]);
    }
  });
});

describe("event sources and async invocation", () => {
  test("ListEventSourceMappings: all of them, paged to the end, and filtered by function or source", async () => {
    const expected = fleet().functions.flatMap((f) => f.eventSourceMappings.map((m) => m.uuid)).sort();
    const seen: string[] = [];
    for await (const page of paginateListEventSourceMappings({ client: lambda, pageSize: 1 }, {})) {
      seen.push(...page.EventSourceMappings!.map((m) => m.UUID!));
    }
    expect(seen.sort()).toEqual(expected);

    const fn = fleet().functions.find((f) => f.eventSourceMappings.length > 0)!;
    const esm = fn.eventSourceMappings[0];
    const byFunction = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fn.arn }));
    expect(byFunction.EventSourceMappings!.map((m) => m.UUID)).toEqual(fn.eventSourceMappings.map((m) => m.uuid));
    const bySource = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: esm.eventSourceArn }));
    expect(bySource.EventSourceMappings![0]).toMatchObject({
      UUID: esm.uuid,
      EventSourceArn: esm.eventSourceArn,
      FunctionArn: fn.arn,
      BatchSize: esm.batchSize,
      State: esm.state,
    });
    // LastModified is a timestamp member here (epoch seconds on the wire), so the SDK gives a Date.
    expect(bySource.EventSourceMappings![0].LastModified).toEqual(new Date(esm.lastModifiedMs));
  });

  test("GetFunctionEventInvokeConfig: retries, event age and destination for async functions", async () => {
    const fn = fleet().functions.find((f) => f.invocation === "async" && f.maximumRetryAttempts !== undefined)!;
    const out = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.name }));
    expect(out).toMatchObject({ FunctionArn: `${fn.arn}:$LATEST`, MaximumRetryAttempts: fn.maximumRetryAttempts, MaximumEventAgeInSeconds: fn.maximumEventAgeS });
    if (fn.onFailureDestinationArn) expect(out.DestinationConfig?.OnFailure?.Destination).toBe(fn.onFailureDestinationArn);
    expect(out.LastModified).toBeInstanceOf(Date);
  });

  test("GetFunctionEventInvokeConfig without a config is ResourceNotFoundException", async () => {
    const fn = fleet().functions.find((f) => f.invocation === "sync")!;
    const e = await rejection(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.name })));
    expect(e.name).toBe("ResourceNotFoundException");
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.message).toBe(`The function ${fn.arn}:$LATEST doesn't have an EventInvokeConfig`);
  });
});
