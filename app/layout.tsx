import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

// Rendered per request: Next can only put proxy.ts's CSP nonce on the scripts of a dynamic page.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Lambdascope",
  description: "Health, cost and right-sizing for an AWS Lambda fleet",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="top">
          <Link href="/" className="brand">
            Lambdascope
          </Link>
          <nav>
            <Link href="/">Fleet</Link> · <Link href="/queries">Queries</Link> · <Link href="/cost">Cost</Link> · <Link href="/rightsizing">Right-sizing</Link> · <Link href="/calculator">Calculator</Link>
          </nav>
        </header>
        <Providers>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
