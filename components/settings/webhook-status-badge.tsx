import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DeliveryStatus } from "@/lib/notifications/types";

const tones: Record<DeliveryStatus, BadgeTone> = {
  pending: "degraded",
  delivered: "up",
  failed: "down",
};

export function WebhookStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge tone={tones[status]} data-testid="delivery-status">
      {status}
    </Badge>
  );
}
