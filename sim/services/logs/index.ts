// CloudWatch Logs, JSON 1.1 (`X-Amz-Target: Logs_20140328.<Action>`, as @aws-sdk/client-cloudwatch-logs
// 3.1164.0 sends it). Unlike the other services it holds state per running account (stored events,
// queries in flight), so the server builds it with that state, the meter and the faults.
import type { Faults } from "../../control/faults";
import type { InsightsMeter } from "../../control/meter";
import type { LogsState } from "../../logs/state";
import type { ServiceDef } from "../../wire/service";
import { describeLogGroups, describeLogStreams } from "./describe";
import { logsFaults } from "./errors";
import { createLogGroup, createLogStream, putLogEvents } from "./ingest";
import { describeQueries, getQueryResults, startQuery, stopQuery } from "./queries";
import { deleteQueryDefinition, describeQueryDefinitions, putQueryDefinition } from "./query-definitions";

export function logsService(state: LogsState, meter: InsightsMeter, faults: Faults): ServiceDef {
  return {
    iamPrefix: "logs",
    protocol: { kind: "json", version: "1.1", targetPrefix: "Logs_20140328" },
    actions: {
      DescribeLogGroups: describeLogGroups(state),
      DescribeLogStreams: describeLogStreams(state),
      CreateLogGroup: createLogGroup(state),
      CreateLogStream: createLogStream(state),
      PutLogEvents: putLogEvents(state),
      StartQuery: startQuery({ state, meter, faults }),
      GetQueryResults: getQueryResults(state),
      StopQuery: stopQuery(state),
      DescribeQueries: describeQueries(state),
      DescribeQueryDefinitions: describeQueryDefinitions(state),
      PutQueryDefinition: putQueryDefinition(state),
      DeleteQueryDefinition: deleteQueryDefinition(state),
    },
    faults: logsFaults,
  };
}
