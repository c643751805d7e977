import type { ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";

export function Select({ className = "", ...props }: ComponentProps<"select">) {
  return <select className={`${controlClasses} pr-7 ${className}`} {...props} />;
}
