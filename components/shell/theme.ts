export const themePreferences = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof themePreferences)[number];
export type Theme = "light" | "dark";

export const themeStorageKey = "vigil-theme";
export const themeChangeEvent = "vigil-theme-change";

export function parseThemePreference(value: string | null | undefined): ThemePreference {
  return value === "light" || value === "dark" ? value : "system";
}

export function resolveTheme(preference: ThemePreference, prefersDark: boolean): Theme {
  if (preference === "system") return prefersDark ? "dark" : "light";
  return preference;
}

/** Runs in <head> before first paint, so a dark preference never flashes light. Keep it dependency-free. */
export const themeScript = `(function(){try{var p=localStorage.getItem(${JSON.stringify(themeStorageKey)});var d=p==="dark"||(p!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.setAttribute("data-theme",d?"dark":"light")}catch(e){}})()`;

function prefersDark(): boolean {
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function readThemePreference(): ThemePreference {
  try {
    return parseThemePreference(window.localStorage.getItem(themeStorageKey));
  } catch {
    return "system";
  }
}

export function applyThemePreference(preference: ThemePreference): void {
  document.documentElement.setAttribute("data-theme", resolveTheme(preference, prefersDark()));
}

export function saveThemePreference(preference: ThemePreference): void {
  try {
    window.localStorage.setItem(themeStorageKey, preference);
  } catch {
    // Private windows may refuse storage; the choice still applies to this page.
  }
  applyThemePreference(preference);
  window.dispatchEvent(new Event(themeChangeEvent));
}

/** Follows the OS setting while on "system", and choices made in other tabs. */
export function watchThemePreference(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const reapply = () => {
    applyThemePreference(readThemePreference());
    onChange();
  };
  media.addEventListener("change", reapply);
  window.addEventListener("storage", reapply);
  window.addEventListener(themeChangeEvent, onChange);
  return () => {
    media.removeEventListener("change", reapply);
    window.removeEventListener("storage", reapply);
    window.removeEventListener(themeChangeEvent, onChange);
  };
}
