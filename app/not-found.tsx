import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to the fleet overview</Link>
      </p>
    </div>
  );
}
