"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { watchThemePreference } from "@/components/shell/theme";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }),
  );
  useEffect(() => watchThemePreference(() => {}), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
