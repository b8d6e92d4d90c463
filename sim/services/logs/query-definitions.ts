// DescribeQueryDefinitions (queryDefinitionNamePrefix, maxResults 1–1,000, nextToken),
// PutQueryDefinition (create, or update by queryDefinitionId) and DeleteQueryDefinition.
// The dashboard only reads definitions; writes are accepted so a client can save one.
import { randomUUID } from "node:crypto";
import type { QueryDefinition } from "../../logs/query-definitions";
import type { LogsState } from "../../logs/state";
import type { ActionInput, CallContext } from "../../wire/service";
import { invalidParameter, queryDefinitionNotFound } from "./errors";
import { boundedInt, optionalString, optionalStrings, page, requiredString } from "./input";

const shape = (d: QueryDefinition) => ({
  queryLanguage: "CWLI",
  queryDefinitionId: d.queryDefinitionId,
  name: d.name,
  queryString: d.queryString,
  lastModified: d.lastModifiedMs,
  logGroupNames: d.logGroupNames,
});

export function describeQueryDefinitions(state: LogsState) {
  return (input: ActionInput) => {
    const prefix = optionalString(input, "queryDefinitionNamePrefix") ?? "";
    const maxResults = boundedInt(input, "maxResults", 1, 1_000, 1_000);
    const matching = state.definitions.filter((d) => d.name.startsWith(prefix));
    const { items, nextToken } = page(matching, input, `definitions:${prefix}`, maxResults);
    return { queryDefinitions: items.map(shape), ...(nextToken ? { nextToken } : {}) };
  };
}

export function putQueryDefinition(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const name = requiredString(input, "name");
    const queryString = requiredString(input, "queryString");
    if (name.length > 255) throw invalidParameter("name must be at most 255 characters");
    const logGroupNames = optionalStrings(input, "logGroupNames") ?? [];
    const id = optionalString(input, "queryDefinitionId");
    const lastModifiedMs = ctx.model.nowMs();
    if (id !== undefined) {
      const existing = state.definitions.find((d) => d.queryDefinitionId === id);
      if (!existing) throw queryDefinitionNotFound();
      Object.assign(existing, { name, queryString, logGroupNames, lastModifiedMs });
      return { queryDefinitionId: id };
    }
    const created = { queryDefinitionId: randomUUID(), name, queryString, logGroupNames, lastModifiedMs };
    state.definitions.push(created);
    state.definitions.sort((a, b) => a.name.localeCompare(b.name));
    return { queryDefinitionId: created.queryDefinitionId };
  };
}

export function deleteQueryDefinition(state: LogsState) {
  return (input: ActionInput) => {
    const id = requiredString(input, "queryDefinitionId");
    const i = state.definitions.findIndex((d) => d.queryDefinitionId === id);
    if (i < 0) throw queryDefinitionNotFound();
    state.definitions.splice(i, 1);
    return { success: true };
  };
}
