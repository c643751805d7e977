"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus("idle"), 2_500);
  }

  return (
    <>
      <Button size="sm" onClick={copy}>
        {status === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className={status === "failed" ? "text-xs text-danger" : "sr-only"}>
        {status === "copied"
          ? "Copied to the clipboard."
          : status === "failed"
            ? "Copy failed: select the text and copy it."
            : ""}
      </span>
    </>
  );
}
