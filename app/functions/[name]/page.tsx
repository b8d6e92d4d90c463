import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CostLine } from "@/components/CostLine";
import { ErrorBox } from "@/components/ErrorBox";
import { AlarmsPanel } from "@/components/function/AlarmsPanel";
import { ConfigPanels } from "@/components/function/ConfigPanels";
import { CostPanel } from "@/components/cost/CostPanel";
import { WhatIfPanel } from "@/components/rightsizing/WhatIfPanel";
import { FunctionCharts } from "@/components/function/FunctionCharts";
import { LogPanels } from "@/components/function/LogPanels";
import { getConfig } from "@/lib/config";
import { classifyAwsError } from "@/lib/aws/errors";
import { getFunctionDetail } from "@/lib/functions/function-detail";
import { FunctionName } from "@/lib/http/schemas";
import { inPageScope, pageRegion } from "@/lib/http/scoped";
import { withRegion } from "@/components/api";

export const dynamic = "force-dynamic";

export default async function FunctionPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[]>> }) {
  const { name } = await params;
  const region = pageRegion((await searchParams).region);
  if (!FunctionName.safeParse(name).success || !region) notFound();
  const here = region === getConfig().region ? null : region;
  let detail;
  try {
    detail = await inPageScope("/functions/[name]", region, () => getFunctionDetail(name));
  } catch (err) {
    return <ErrorBox title={`Could not load ${name}`} failure={classifyAwsError("lambda:GetFunction", err)} />;
  }
  if (!detail) notFound();
  const tags = Object.entries(detail.config.tags);
  return (
    <>
      <div className="crumbs">
        <Link href={withRegion("/", here)}>Fleet</Link> /
      </div>
      <div className="title-row">
        <h1 data-testid="function-name">{name}</h1>
        {getConfig().regions.length > 1 && <span className="tag" data-testid="function-region">{region}</span>}
        <Link className="button-link" href={withRegion(`/functions/${name}/runbook`, here)} data-testid="open-runbook">
          Runbook: what is wrong? →
        </Link>
      </div>
      <div className="summary">
        {tags.length ? tags.map(([k, v]) => <span key={k} className="tag">{k}={v}</span>) : <span className="tag">untagged</span>}
        <span>{detail.config.description}</span>
      </div>
      <Suspense>
        <FunctionCharts name={name} />
      </Suspense>
      <h2 style={{ marginTop: 8 }}>From the logs (Logs Insights)</h2>
      <Suspense>
        <LogPanels name={name} region={region} />
      </Suspense>
      <AlarmsPanel name={name} />
      <CostPanel name={name} />
      <WhatIfPanel name={name} />
      <ConfigPanels detail={detail} />
      <CostLine cost={detail.cost} label="Configuration" />
    </>
  );
}
