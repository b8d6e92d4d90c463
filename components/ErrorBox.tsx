import type { AwsFailure } from "@/lib/types";
import { ApiError } from "@/components/api";

/** What failed, what AWS said, and what fixes it — a panel's error state. */
export function ErrorBox({ title, failure }: { title: string; failure: Partial<AwsFailure> & { reason?: string; field?: string } }) {
  return (
    <div className="error-box" role="alert" data-testid="panel-error">
      <strong>{title}</strong>
      {failure.action && (
        <>
          {" "}
          — <code>{failure.action}</code> failed{failure.code ? <> with <code>{failure.code}</code></> : null}
        </>
      )}
      <div>{failure.message ?? failure.reason}</div>
      {failure.hint && <div className="muted">{failure.hint}</div>}
    </div>
  );
}

export function QueryError({ title, error }: { title: string; error: unknown }) {
  const failure = error instanceof ApiError ? (error.body.error ?? { message: error.message }) : { message: String(error) };
  return <ErrorBox title={title} failure={failure} />;
}
