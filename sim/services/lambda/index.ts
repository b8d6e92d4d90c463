// Lambda, restJson1: the read-only actions of the Lambda API the dashboard calls. Paths and
// methods are those of @aws-sdk/client-lambda 3.1164's operation schemas (dist-cjs/index.js);
// note the API-date prefixes differ per action group, and Get/Put concurrency differ too
// (GET /2019-09-30/…/concurrency but PUT /2017-10-31/…/concurrency).
import type { RestRoute, ServiceDef } from "../../wire/service";
import { getAlias, listAliases } from "./aliases";
import { getAccountSettings, getFunctionConcurrency, getProvisionedConcurrencyConfig, listProvisionedConcurrencyConfigs } from "./concurrency";
import { lambdaFaults } from "./errors";
import { getEventSourceMapping, getFunctionEventInvokeConfig, listEventSourceMappings, listFunctionEventInvokeConfigs } from "./event-sources";
import { getFunction, getFunctionConfiguration, listFunctions, listTags, listVersionsByFunction } from "./functions";

export const LAMBDA_ROUTES: RestRoute[] = [
  { method: "GET", path: "/2015-03-31/functions", action: "ListFunctions" },
  { method: "GET", path: "/2015-03-31/functions/{FunctionName}", action: "GetFunction" },
  { method: "GET", path: "/2015-03-31/functions/{FunctionName}/configuration", action: "GetFunctionConfiguration" },
  { method: "GET", path: "/2015-03-31/functions/{FunctionName}/versions", action: "ListVersionsByFunction" },
  { method: "GET", path: "/2015-03-31/functions/{FunctionName}/aliases", action: "ListAliases" },
  { method: "GET", path: "/2015-03-31/functions/{FunctionName}/aliases/{Name}", action: "GetAlias" },
  { method: "GET", path: "/2017-03-31/tags/{Resource}", action: "ListTags" },
  { method: "GET", path: "/2019-09-30/functions/{FunctionName}/concurrency", action: "GetFunctionConcurrency" },
  { method: "GET", path: "/2016-08-19/account-settings", action: "GetAccountSettings" },
  { method: "GET", path: "/2015-03-31/event-source-mappings", action: "ListEventSourceMappings" },
  { method: "GET", path: "/2015-03-31/event-source-mappings/{UUID}", action: "GetEventSourceMapping" },
  { method: "GET", path: "/2019-09-25/functions/{FunctionName}/event-invoke-config", action: "GetFunctionEventInvokeConfig" },
  { method: "GET", path: "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", action: "ListFunctionEventInvokeConfigs" },
  // One path, two operations: the List form always carries the constant `?List=ALL`.
  { method: "GET", path: "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", query: { List: "ALL" }, action: "ListProvisionedConcurrencyConfigs" },
  { method: "GET", path: "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", action: "GetProvisionedConcurrencyConfig" },
];

export const lambdaService: ServiceDef = {
  iamPrefix: "lambda",
  protocol: { kind: "rest-json", routes: LAMBDA_ROUTES },
  actions: {
    ListFunctions: listFunctions,
    GetFunction: getFunction,
    GetFunctionConfiguration: getFunctionConfiguration,
    ListVersionsByFunction: listVersionsByFunction,
    ListAliases: listAliases,
    GetAlias: getAlias,
    ListTags: listTags,
    GetFunctionConcurrency: getFunctionConcurrency,
    GetAccountSettings: getAccountSettings,
    ListEventSourceMappings: listEventSourceMappings,
    GetEventSourceMapping: getEventSourceMapping,
    GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
    ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
    ListProvisionedConcurrencyConfigs: listProvisionedConcurrencyConfigs,
    GetProvisionedConcurrencyConfig: getProvisionedConcurrencyConfig,
  },
  faults: lambdaFaults,
};
