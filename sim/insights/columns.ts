// Which columns a query returns, and which fields it reads.
import { type Command, fieldRefs } from "./ast";

export interface View {
  /** Result columns in order (without @ptr, which non-aggregated rows always end with). */
  columns: string[];
  /** True when a stats command produced the rows. */
  aggregated: boolean;
}

// "display … If multiple display commands are used, only the final one takes effect"; "if multiple
// fields commands are used without display, all specified fields are shown"; "filter (duration>2000)
// … the results show the @timestamp and all log data in the @message field" (AWS CWL_QuerySyntax).
// After stats the rows are the stats columns, plus any fields computed from them later.
export function viewOf(commands: readonly Command[]): View {
  let shown: string[] = [];
  let display: string[] | undefined;
  let aggregated = false;
  for (const cmd of commands) {
    if (cmd.k === "fields") for (const item of cmd.items) if (!shown.includes(item.name)) shown.push(item.name);
    if (cmd.k === "display") display = cmd.items.map((item) => item.name);
    if (cmd.k === "stats") {
      shown = [...cmd.by.map((b) => b.name), ...cmd.items.map((i) => i.name)];
      display = undefined;
      aggregated = true;
    }
  }
  const columns = display ?? (shown.length > 0 || aggregated ? shown : ["@timestamp", "@message"]);
  return { columns: columns.filter((c) => c !== "@ptr"), aggregated };
}

/** Every field name a command reads. */
export function commandRefs(cmd: Command, into = new Set<string>()): Set<string> {
  switch (cmd.k) {
    case "fields":
    case "display":
      cmd.items.forEach((i) => fieldRefs(i.expr, into));
      break;
    case "filter":
      fieldRefs(cmd.expr, into);
      break;
    case "stats":
      [...cmd.items, ...cmd.by].forEach((i) => fieldRefs(i.expr, into));
      break;
    case "sort":
      cmd.keys.forEach((k) => fieldRefs(k.expr, into));
      break;
    case "parse":
      fieldRefs(cmd.source, into);
      break;
    case "dedup":
      cmd.names.forEach((n) => into.add(n));
      break;
  }
  return into;
}
