"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import {
  readThemePreference,
  saveThemePreference,
  watchThemePreference,
  type ThemePreference,
} from "@/components/shell/theme";

const nextPreference: Record<ThemePreference, ThemePreference> = {
  system: "light",
  light: "dark",
  dark: "system",
};
const labels: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };
const glyphs: Record<ThemePreference, string> = { system: "◐", light: "☀", dark: "☾" };

export function ThemeToggle() {
  const preference = useSyncExternalStore(
    watchThemePreference,
    readThemePreference,
    () => "system" as const,
  );
  const next = nextPreference[preference];
  return (
    <Button
      size="sm"
      variant="ghost"
      data-testid="theme-toggle"
      data-preference={preference}
      aria-label={`Theme: ${labels[preference]}. Switch to ${labels[next]}.`}
      title={`Theme: ${labels[preference]}`}
      onClick={() => saveThemePreference(next)}
    >
      <span aria-hidden="true">{glyphs[preference]}</span>
      <span className="hidden sm:inline">{labels[preference]}</span>
    </Button>
  );
}
