import { ErrorBox } from "@/components/ErrorBox";
import { formatMemoryMb, formatUtc } from "@/lib/format";
import type { FunctionDetail, Panel } from "@/lib/types";

function PanelBody<T>({ panel, title, children }: { panel: Panel<T>; title: string; children: (data: T) => React.ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {panel.ok ? children(panel.data) : <ErrorBox title={`${title} unavailable`} failure={panel.error} />}
    </section>
  );
}

const arnName = (arn: string) => arn.split(":").slice(5).join(":");

export function ConfigPanels({ detail }: { detail: FunctionDetail }) {
  const c = detail.config;
  return (
    <div className="grid2">
      <section className="panel" aria-label="Configuration" data-testid="config-panel">
        <h2>Configuration</h2>
        <dl className="kv">
          <dt>Runtime</dt><dd>{c.runtime}</dd>
          <dt>Architecture</dt><dd>{c.architecture}</dd>
          <dt>Memory</dt><dd>{formatMemoryMb(c.memoryMb)}</dd>
          <dt>Timeout</dt><dd>{c.timeoutS} s</dd>
          <dt>Reserved concurrency</dt><dd data-testid="reserved-concurrency">{c.reservedConcurrency ?? "unreserved (account pool)"}</dd>
          <dt>Ephemeral storage</dt><dd>{formatMemoryMb(c.ephemeralStorageMb)}</dd>
          <dt>Handler</dt><dd>{c.handler}</dd>
          <dt>Tracing</dt><dd>{c.tracingMode}</dd>
          <dt>Logs</dt><dd>{c.logGroup} ({c.logFormat})</dd>
          <dt>Dead-letter queue</dt><dd data-testid="dlq">{detail.dlqArn ? arnName(detail.dlqArn) : "none"}</dd>
          <dt>Last modified</dt><dd>{c.lastModified ? formatUtc(c.lastModified) : "—"}</dd>
          <dt>State</dt><dd>{c.state}</dd>
        </dl>
      </section>
      <PanelBody panel={detail.versions} title="Published versions">
        {(versions) =>
          versions.length === 0 ? <div className="muted">Only $LATEST: no versions published.</div> : (
            <table className="data">
              <thead><tr><th>Version</th><th>Published</th><th>Memory</th><th>Description</th></tr></thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}><td>{v.version}</td><td>{formatUtc(v.lastModified)}</td><td>{formatMemoryMb(v.memoryMb)}</td><td className="wrap">{v.description}</td></tr>
                ))}
              </tbody>
            </table>
          )
        }
      </PanelBody>
      <PanelBody panel={detail.aliases} title="Aliases">
        {(aliases) =>
          aliases.length === 0 ? <div className="muted">No aliases.</div> : (
            <table className="data">
              <thead><tr><th>Alias</th><th>Version</th><th>Weighted routing</th><th>Description</th></tr></thead>
              <tbody>
                {aliases.map((a) => (
                  <tr key={a.name}>
                    <td>{a.name}</td><td>{a.version}</td>
                    <td>{Object.entries(a.additionalVersionWeights).map(([v, w]) => `${(w * 100).toFixed(0)}% → v${v}`).join(", ") || "—"}</td>
                    <td className="wrap">{a.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </PanelBody>
      <PanelBody panel={detail.eventSources} title="Event source mappings">
        {(mappings) =>
          mappings.length === 0 ? <div className="muted">None.</div> : (
            <table className="data">
              <thead><tr><th>Source</th><th>State</th><th>Batch size</th><th>Modified</th></tr></thead>
              <tbody>
                {mappings.map((m) => (
                  <tr key={m.uuid}><td>{arnName(m.eventSourceArn)}</td><td>{m.state}</td><td>{m.batchSize ?? "—"}</td><td>{m.lastModified ? formatUtc(m.lastModified) : "—"}</td></tr>
                ))}
              </tbody>
            </table>
          )
        }
      </PanelBody>
      <PanelBody panel={detail.asyncConfig} title="Asynchronous invocation">
        {(cfg) =>
          cfg === null ? <div className="muted">Defaults: 2 retries, events kept up to 6 hours, no destinations.</div> : (
            <dl className="kv">
              <dt>On failure</dt><dd>{cfg.onFailureArn ? arnName(cfg.onFailureArn) : "—"}</dd>
              <dt>On success</dt><dd>{cfg.onSuccessArn ? arnName(cfg.onSuccessArn) : "—"}</dd>
              <dt>Retry attempts</dt><dd>{cfg.maximumRetryAttempts ?? 2}</dd>
              <dt>Maximum event age</dt><dd>{cfg.maximumEventAgeS ?? 21_600} s</dd>
            </dl>
          )
        }
      </PanelBody>
      <PanelBody panel={detail.provisionedConcurrency} title="Provisioned concurrency">
        {(configs) =>
          configs.length === 0 ? <div className="muted">None.</div> : (
            <table className="data">
              <thead><tr><th>Qualifier</th><th>Requested</th><th>Allocated</th><th>Status</th></tr></thead>
              <tbody>
                {configs.map((p) => (
                  <tr key={p.qualifier}><td>{p.qualifier}</td><td>{p.requested}</td><td>{p.allocated}</td><td>{p.status}</td></tr>
                ))}
              </tbody>
            </table>
          )
        }
      </PanelBody>
    </div>
  );
}
