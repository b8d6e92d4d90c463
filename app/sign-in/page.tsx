import Link from "next/link";
import { accessFromEnv, safeNext } from "@/lib/access/access";

export const metadata = { title: "Sign in · Lambdascope" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { next, error } = await searchParams;
  const { token, proxy } = accessFromEnv(process.env);
  if (token === null) {
    return (
      <section className="panel" style={{ maxWidth: 420 }}>
        <h1>Sign in</h1>
        <p data-testid="no-token">
          {proxy ? `This dashboard has no token: it is signed in to through ${proxy.kind}.` : "This dashboard has no token: it is open to this machine only."}{" "}
          <Link href={safeNext(next)}>Continue</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" style={{ maxWidth: 420 }}>
      <h1>Sign in</h1>
      <p className="muted">This dashboard shows an AWS account. Enter the token its operator set in LAMBDASCOPE_TOKEN.</p>
      {error && (
        <div className="error-box" role="alert" data-testid="sign-in-error">
          That token is not the one this dashboard was started with.
        </div>
      )}
      <form method="post" action="/api/session">
        <input type="hidden" name="next" value={safeNext(next)} />
        <label>
          token <input type="password" name="token" autoComplete="current-password" required aria-label="Token" style={{ width: "100%" }} />
        </label>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </section>
  );
}
