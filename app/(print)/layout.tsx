import type { ReactNode } from "react";

/** Documents meant for paper: no sidebar or navigation, black on white whatever the theme. */
export default function PrintLayout({ children }: { children: ReactNode }) {
  return (
    <div
      data-theme="light"
      className="min-h-dvh bg-white text-neutral-900 [color-scheme:light] print:min-h-0"
    >
      {children}
    </div>
  );
}
