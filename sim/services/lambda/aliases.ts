// ListAliases, GetAlias: each alias as it stands at the model's "now", taken from its history
// (a canary shift shows up as RoutingConfig.AdditionalVersionWeights while it lasts).
import type { AliasSpec, FunctionSpec, SimModel } from "../../model/types";
import type { ActionInput, CallContext } from "../../wire/service";
import { stableUuid } from "./configuration";
import { resourceNotFound } from "./errors";
import { pageByMarker } from "./paging";
import { aliasStateAt, functionArn, resolveUnqualified } from "./resolve";

// ListAliases MaxItems: 1–10,000 (Lambda API reference); the page size when absent is not documented, 50 here.
const LIST_ALIASES_PAGE = { defaultItems: 50, capItems: 10_000, maxItems: 10_000 };

export function listAliases(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  const wanted = typeof input.FunctionVersion === "string" ? input.FunctionVersion : undefined;
  const aliases = [...fn.aliases]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((alias) => aliasConfiguration(fn, alias, model))
    .filter((c): c is AliasConfiguration => c !== undefined && (wanted === undefined || c.FunctionVersion === wanted));
  const scope = `ListAliases|${fn.name}|${wanted ?? ""}`;
  const { page, nextMarker } = pageByMarker(aliases, input, scope, LIST_ALIASES_PAGE);
  return { Aliases: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) };
}

export function getAlias(input: ActionInput, { model }: CallContext) {
  const fn = resolveUnqualified(model, input.FunctionName);
  const alias = fn.aliases.find((a) => a.name === input.Name);
  const config = alias && aliasConfiguration(fn, alias, model);
  if (!config) throw resourceNotFound(`Alias not found: ${functionArn(model, fn.name, String(input.Name))}`);
  return config;
}

interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RoutingConfig?: { AdditionalVersionWeights: Record<string, number> };
  RevisionId: string;
}

function aliasConfiguration(fn: FunctionSpec, alias: AliasSpec, model: SimModel): AliasConfiguration | undefined {
  const state = aliasStateAt(alias, model.nowMs());
  if (!state) return undefined; // not created yet at "now"
  const weights = state.additionalVersionWeights;
  return {
    AliasArn: functionArn(model, fn.name, alias.name),
    Name: alias.name,
    FunctionVersion: state.version,
    Description: alias.description,
    // Lambda omits RoutingConfig when the alias sends all traffic to one version.
    ...(weights && Object.keys(weights).length > 0 ? { RoutingConfig: { AdditionalVersionWeights: { ...weights } } } : {}),
    RevisionId: stableUuid("alias", fn.name, alias.name, state.fromMs),
  };
}
