import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ErrorBox } from "@/components/ErrorBox";
import { RunbookView } from "@/components/runbook/RunbookView";
import { classifyAwsError } from "@/lib/aws/errors";
import { getFunctionConfig } from "@/lib/functions/function-detail";
import { FunctionName } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

export default async function RunbookPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!FunctionName.safeParse(name).success) notFound();
  try {
    if (!(await getFunctionConfig(name))) notFound();
  } catch (err) {
    if ((err as { digest?: string }).digest?.startsWith("NEXT_HTTP_ERROR_FALLBACK")) throw err; // notFound() itself
    return <ErrorBox title={`Could not load ${name}`} failure={classifyAwsError("lambda:GetFunction", err)} />;
  }
  return (
    <>
      <div className="crumbs">
        <Link href="/">Fleet</Link> / <Link href={`/functions/${name}`}>{name}</Link> /
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
