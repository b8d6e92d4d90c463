// Lambda function listing and lookup through the real @aws-sdk/client-lambda.
import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  paginateListFunctions,
  paginateListVersionsByFunction,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createModel } from "../model";
import { startSim, type RunningSim } from "../server";
import { NOW_MS, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let lambda: ReturnType<typeof sdkClients>["lambda"];
beforeAll(async () => {
  sim = await startTestSim();
  lambda = sdkClients(sim).lambda;
});
afterAll(() => sim.close());

const fleet = () => sim.model.fleet;
const withVersions = () => fleet().functions.find((f) => f.versions.length >= 2)!;

describe("ListFunctions", () => {
  test("paginateListFunctions returns every function once, in pages of at most 50", async () => {
    // A 120-function account (same seed and clock) so the listing needs three pages.
    const big = await startSim({ port: 0, model: createModel({ seed: 42, functionCount: 120, anchorMs: NOW_MS, fixedNowMs: NOW_MS }) });
    try {
      const pageSizes: number[] = [];
      const names: string[] = [];
      for await (const page of paginateListFunctions({ client: sdkClients(big).lambda, pageSize: 200 }, {})) {
        pageSizes.push(page.Functions!.length);
        names.push(...page.Functions!.map((f) => f.FunctionName!));
      }
      expect(names.sort()).toEqual(big.model.fleet.functions.map((f) => f.name).sort());
      expect(new Set(names).size).toBe(120);
      expect(pageSizes, "a page never exceeds 50 even when MaxItems asks for 200").toEqual([50, 50, 20]);
    } finally {
      await big.close();
    }
  });

  test("MaxItems 7 pages by 7 with NextMarker, and the last page has no marker", async () => {
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 7 }));
    expect(first.Functions).toHaveLength(7);
    expect(first.NextMarker).toBeTypeOf("string");
    const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 7, Marker: first.NextMarker }));
    expect(second.Functions![0].FunctionName).not.toBe(first.Functions![0].FunctionName);
    const last = await lambda.send(new ListFunctionsCommand({ MaxItems: 50, Marker: first.NextMarker }));
    expect(last.NextMarker).toBeUndefined();
  });

  test("FunctionVersion=ALL lists $LATEST and every published version as its own entry", async () => {
    const entries: { name: string; version: string; arn: string }[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, { FunctionVersion: "ALL" })) {
      for (const f of page.Functions!) entries.push({ name: f.FunctionName!, version: f.Version!, arn: f.FunctionArn! });
    }
    const published = fleet().functions.reduce((n, f) => n + f.versions.filter((v) => v.createdAtMs <= sim.model.nowMs()).length, 0);
    expect(entries).toHaveLength(fleet().functions.length + published);
    const fn = withVersions();
    expect(entries.filter((e) => e.name === fn.name).map((e) => e.version)).toEqual(["$LATEST", ...fn.versions.map((v) => v.version)]);
    expect(entries.find((e) => e.name === fn.name && e.version === "$LATEST")!.arn).toBe(`${fn.arn}:$LATEST`);
  });

  test("listed configurations leave out the GetFunction-only fields (State, LastUpdateStatus)", async () => {
    const out = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(out.Functions![0].State).toBeUndefined();
    expect(out.Functions![0].LastUpdateStatus).toBeUndefined();
  });

  test("a marker from another listing and an out-of-range MaxItems are rejected", async () => {
    const versions = await lambda.send(new ListFunctionsCommand({ MaxItems: 1, FunctionVersion: "ALL" }));
    const e1 = await rejection(lambda.send(new ListFunctionsCommand({ Marker: versions.NextMarker })));
    expect(e1.name).toBe("InvalidParameterValueException");
    const e2 = await rejection(lambda.send(new ListFunctionsCommand({ MaxItems: 0 })));
    expect(e2.name).toBe("ValidationException");
    expect(e2.$metadata.httpStatusCode).toBe(400);
  });
});

describe("GetFunction / GetFunctionConfiguration", () => {
  test("Configuration is shaped as AWS's FunctionConfiguration, with Tags, Code and Concurrency", async () => {
    const spec = fleet().functions.find((f) => f.reservedConcurrency !== undefined && Object.keys(f.tags).length > 0)!;
    const out = await lambda.send(new GetFunctionCommand({ FunctionName: spec.name }));
    const c = out.Configuration!;
    expect(c).toMatchObject({
      FunctionName: spec.name,
      FunctionArn: spec.arn,
      Runtime: spec.runtime,
      Role: spec.role,
      Handler: spec.handler,
      CodeSize: spec.codeSizeBytes,
      MemorySize: spec.memoryMb,
      Timeout: spec.timeoutS,
      CodeSha256: spec.codeSha256,
      Version: "$LATEST",
      TracingConfig: { Mode: spec.tracing },
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: [spec.architecture],
      EphemeralStorage: { Size: spec.ephemeralStorageMb },
      LoggingConfig: { LogFormat: spec.logFormat, LogGroup: spec.logGroup },
    });
    // Lambda's LastModified is a string like 2026-11-20T10:11:12.000+0000, not an SDK Date.
    expect(c.LastModified).toBe(new Date(spec.lastModifiedMs).toISOString().replace("Z", "+0000"));
    expect(c.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(c.RevisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(out.Tags).toEqual(spec.tags);
    expect(out.Concurrency).toEqual({ ReservedConcurrentExecutions: spec.reservedConcurrency });
    expect(out.Code?.RepositoryType).toBe("S3");
  });

  test("a dead-letter queue shows as DeadLetterConfig.TargetArn", async () => {
    const spec = fleet().functions.find((f) => f.deadLetterQueueName)!;
    const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: spec.name }));
    expect(c.DeadLetterConfig?.TargetArn).toBe(fleet().queues.find((q) => q.name === spec.deadLetterQueueName)!.arn);
  });

  test("Qualifier picks a published version, an alias (qualified ARN, its version) or $LATEST", async () => {
    const fn = withVersions();
    const first = fn.versions[0];
    const byVersion = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn.name, Qualifier: first.version }));
    expect(byVersion).toMatchObject({ Version: first.version, FunctionArn: `${fn.arn}:${first.version}`, CodeSha256: first.codeSha256, Description: first.description });
    const alias = fn.aliases[0];
    if (alias) {
      const byAlias = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${fn.arn}:${alias.name}` }));
      expect(byAlias.FunctionArn).toBe(`${fn.arn}:${alias.name}`);
      expect(byAlias.Version).toBe(alias.history.filter((h) => h.fromMs <= sim.model.nowMs()).at(-1)!.version);
    }
    const partialArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `123456789012:function:${fn.name}` }));
    expect(partialArn.Version).toBe("$LATEST");
  });

  test("an unknown function or version is ResourceNotFoundException 404 naming the ARN", async () => {
    const e = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: "no-such-function" })));
    expect(e.name).toBe("ResourceNotFoundException");
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.message).toBe("Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function");
    const fn = withVersions();
    const e2 = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: fn.name, Qualifier: "999" })));
    expect(e2.message).toBe(`Function not found: ${fn.arn}:999`);
  });

  test("a qualifier in the name that disagrees with Qualifier is InvalidParameterValueException", async () => {
    const fn = withVersions();
    const e = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: `${fn.name}:1`, Qualifier: "2" })));
    expect(e.name).toBe("InvalidParameterValueException");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });
});

describe("ListVersionsByFunction / ListTags", () => {
  test("the paginator walks $LATEST then every version, one per page with MaxItems 1", async () => {
    const fn = withVersions();
    const versions: string[] = [];
    let pages = 0;
    for await (const page of paginateListVersionsByFunction({ client: lambda, pageSize: 1 }, { FunctionName: fn.name })) {
      pages += 1;
      versions.push(...page.Versions!.map((v) => v.Version!));
    }
    expect(versions).toEqual(["$LATEST", ...fn.versions.map((v) => v.version)]);
    expect(pages).toBe(fn.versions.length + 1);
  });

  test("ListTags takes the function ARN and returns its tags; untagged functions give {}", async () => {
    const tagged = fleet().functions.find((f) => Object.keys(f.tags).length > 0)!;
    expect((await lambda.send(new ListTagsCommand({ Resource: tagged.arn }))).Tags).toEqual(tagged.tags);
    const untagged = fleet().functions.find((f) => Object.keys(f.tags).length === 0);
    if (untagged) expect((await lambda.send(new ListTagsCommand({ Resource: untagged.arn }))).Tags).toEqual({});
    const e = await rejection(lambda.send(new ListTagsCommand({ Resource: "arn:aws:lambda:us-east-1:123456789012:function:gone" })));
    expect(e.name).toBe("ResourceNotFoundException");
  });
});
