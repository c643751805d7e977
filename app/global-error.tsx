"use client";

import { useSyncExternalStore } from "react";
import { readThemePreference, resolveTheme, watchThemePreference } from "@/components/shell/theme";
import { CenteredPage } from "@/components/ui/centered-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import "./globals.css";

function currentTheme() {
  return resolveTheme(
    readThemePreference(),
    window.matchMedia("(prefers-color-scheme: dark)").matches,
  );
}

// Replaces the root layout, so the theme script there never ran for this document.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const theme = useSyncExternalStore(watchThemePreference, currentTheme, () => "light" as const);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-dvh bg-bg text-text">
        <title>Error · Vigil</title>
        <CenteredPage>
          <ErrorPanel error={error} retry={retry} title="Vigil failed to load" />
        </CenteredPage>
      </body>
    </html>
  );
}
