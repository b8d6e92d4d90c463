import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ErrorBox } from "@/components/ErrorBox";
import { RunbookView } from "@/components/runbook/RunbookView";
import { classifyAwsError } from "@/lib/aws/errors";
import { getFunctionConfig } from "@/lib/functions/function-detail";
import { FunctionName } from "@/lib/http/schemas";
import { inPageScope, pageRegion } from "@/lib/http/scoped";
import { getConfig } from "@/lib/config";
import { withRegion } from "@/components/api";

export const dynamic = "force-dynamic";

export default async function RunbookPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[]>> }) {
  const { name } = await params;
  const region = pageRegion((await searchParams).region);
  if (!FunctionName.safeParse(name).success || !region) notFound();
  const here = region === getConfig().region ? null : region;
  try {
    if (!(await inPageScope("/functions/[name]/runbook", region, () => getFunctionConfig(name)))) notFound();
  } catch (err) {
    if ((err as { digest?: string }).digest?.startsWith("NEXT_HTTP_ERROR_FALLBACK")) throw err; // notFound() itself
    return <ErrorBox title={`Could not load ${name}`} failure={classifyAwsError("lambda:GetFunction", err)} />;
  }
  return (
    <>
      <div className="crumbs">
        <Link href={withRegion("/", here)}>Fleet</Link> / <Link href={withRegion(`/functions/${name}`, here)}>{name}</Link> /
      </div>
      <h1>Runbook: {name}</h1>
      <p className="muted" style={{ marginTop: -6 }}>
        The degraded-function runbook, step by step on live data: each step compares the incident window with the same hours on previous days and says
        whether it is the cause, with the evidence and the action. Read-only: commands are shown, never run.
      </p>
      <Suspense>
        <RunbookView name={name} />
      </Suspense>
    </>
  );
}
