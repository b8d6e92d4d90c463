import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { HeaderNav } from "@/components/HeaderNav";
import { getConfig } from "@/lib/config";
import "./globals.css";
import { Providers } from "./providers";
import { USER_HEADER } from "@/lib/access/identity";

// Rendered per request: Next can only put proxy.ts's CSP nonce on the scripts of a dynamic page.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Lambdascope",
  description: "Health, cost and right-sizing for an AWS Lambda fleet",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = (await headers()).get(USER_HEADER); // set by proxy.ts from a verified sign-in proxy only
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="top">
            <Link href="/" className="brand">
              Lambdascope
            </Link>
            <Suspense>
              <HeaderNav regions={getConfig().regions} />
            </Suspense>
            {user && <span className="user" data-testid="signed-in-user">{user}</span>}
          </header>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
