import type { Db } from "@/lib/db";
import type { SmtpConfig } from "@/lib/env";
import type { DeliveryVerdict } from "@/lib/notifications/delivery-verdict";
import type { OutboxPayload } from "@/lib/notifications/types";
import type { AllowRule } from "@/lib/outbound/policy";

export type ClaimedDelivery = {
  id: bigint;
  webhookId: string | null;
  destination: string;
  event: string;
  payload: OutboxPayload;
  attempts: number;
  leasedUntil: Date;
};

export type SendContext = {
  db: Db;
  rules: AllowRule[];
  timeoutMs: number;
  log: (message: string) => void;
  smtp: SmtpConfig;
};
/** Sends one claimed delivery and says how it went; never throws for the receiver's sake. */
export type Sender = (delivery: ClaimedDelivery, context: SendContext) => Promise<DeliveryVerdict>;
