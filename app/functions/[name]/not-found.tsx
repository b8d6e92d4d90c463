import Link from "next/link";

export default function FunctionNotFound() {
  return (
    <div className="panel" data-testid="not-found">
      <h1>Function not found</h1>
      <p>There is no Lambda function with that name in this account and Region.</p>
      <p>
        <Link href="/">Back to the fleet overview</Link>
      </p>
    </div>
  );
}
