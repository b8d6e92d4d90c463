"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/components/api";

export function Providers({ children }: { children: ReactNode }) {
  // The defaults (3 retries, refetch on focus) would multiply AWS calls: every view here costs money.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 60_000,
            refetchOnWindowFocus: false,
            // One retry, and only for server-side failures: a 4xx will not get better by asking again.
            retry: (failures, err) => failures < 1 && err instanceof ApiError && err.status >= 500,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
