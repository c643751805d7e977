import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WebhookDeliveriesTable } from "@/components/settings/webhook-deliveries-table";
import { WebhookForm } from "@/components/settings/webhook-form";
import { WebhookTestButton } from "@/components/settings/webhook-test-button";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { getWebhook, listDeliveries } from "@/lib/notifications/data";
import { deliveriesQuerySchema } from "@/lib/notifications/schema";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  await requirePageRole("admin", `/settings/webhooks/${id}`);
  const webhook = await getWebhook(id);
  if (!webhook) notFound();
  const query = deliveriesQuerySchema.safeParse({ before: (await searchParams).before });
  const before = query.success ? query.data.before : undefined;
  const page = await listDeliveries(webhook.id, { before });
  return (
    <>
      <PageHeader
        title={webhook.name}
        description={
          <>
            Sends to <code className="font-mono text-xs">{webhook.redactedUrl}</code>.{" "}
            <Link href="/settings/webhooks" className="underline underline-offset-2">
              All webhooks
            </Link>
          </>
        }
        actions={<WebhookTestButton webhookId={webhook.id} webhookName={webhook.name} />}
      />
      <div className="flex flex-col gap-4">
        <Panel
          title="Delivery log"
          description="Each event is retried with growing waits (5 s up to an hour), 8 attempts in all; a 4xx other than 408 and 429 fails at once."
        >
          <WebhookDeliveriesTable webhookId={webhook.id} page={page} paged={before !== undefined} />
        </Panel>
        <Panel title="Settings" description={`Version ${webhook.version}.`}>
          <WebhookForm webhook={webhook} />
        </Panel>
      </div>
    </>
  );
}
