"use client";

import { Button } from "@/components/ui/button";

export function PrintButton() {
  return (
    <Button
      variant="primary"
      onClick={() => window.print()}
      className="print:hidden"
      data-testid="print-button"
    >
      Print
    </Button>
  );
}
