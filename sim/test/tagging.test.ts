import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient, paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import type { RunningSim } from "../server";
import { CREDENTIALS, control, rejection, startTestSim } from "./helpers";

let sim: RunningSim;
let client: ResourceGroupsTaggingAPIClient;

beforeAll(async () => {
  sim = await startTestSim();
  client = new ResourceGroupsTaggingAPIClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => sim.close());

describe("Resource Groups Tagging API GetResources", () => {
  test("pages through every tagged function; untagged functions are not listed", async () => {
    const pageSizes: number[] = [];
    const arns: string[] = [];
    for await (const page of paginateGetResources({ client }, { ResourceTypeFilters: ["lambda:function"], ResourcesPerPage: 7 })) {
      pageSizes.push(page.ResourceTagMappingList!.length);
      arns.push(...page.ResourceTagMappingList!.map((r) => r.ResourceARN!));
    }
    const tagged = sim.model.fleet.functions.filter((f) => Object.keys(f.tags).length > 0);
    const untagged = sim.model.fleet.functions.filter((f) => Object.keys(f.tags).length === 0);
    expect(untagged.length, "the demo fleet has untagged functions").toBeGreaterThan(0);
    expect(arns.sort()).toEqual(tagged.map((f) => f.arn).sort());
    expect(Math.max(...pageSizes)).toBe(7);
    expect(pageSizes.length).toBe(Math.ceil(tagged.length / 7));
  });

  test("tags come back as Key/Value pairs equal to the function's tags", async () => {
    const out = await client.send(new GetResourcesCommand({ ResourceARNList: [sim.model.fleet.byName.get("checkout-api-prod")!.arn] }));
    expect(out.ResourceTagMappingList).toHaveLength(1);
    const tags = Object.fromEntries(out.ResourceTagMappingList![0].Tags!.map((t) => [t.Key, t.Value]));
    expect(tags).toEqual(sim.model.fleet.byName.get("checkout-api-prod")!.tags);
    expect(out.PaginationToken).toBe("");
  });

  test("TagFilters select by key and value", async () => {
    const out = await client.send(new GetResourcesCommand({ TagFilters: [{ Key: "service", Values: ["payments"] }] }));
    const names = out.ResourceTagMappingList!.map((r) => r.ResourceARN!.split(":").pop());
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(sim.model.fleet.byName.get(n!)!.tags.service).toBe("payments");
  });

  test("ResourcesPerPage above 100 is rejected; an injected throttle surfaces as ThrottledException", async () => {
    expect((await rejection(client.send(new GetResourcesCommand({ ResourcesPerPage: 101 })))).name).toBe("InvalidParameterException");
    await control(sim, "POST", "faults", { action: "tag:GetResources", fault: "throttle", count: 1 });
    expect((await rejection(client.send(new GetResourcesCommand({})))).name).toBe("ThrottledException");
    await control(sim, "DELETE", "faults");
  });
});
