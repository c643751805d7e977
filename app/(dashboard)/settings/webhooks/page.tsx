import type { Metadata } from "next";
import { WebhookForm } from "@/components/settings/webhook-form";
import { WebhooksTable } from "@/components/settings/webhooks-table";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { listWebhooks } from "@/lib/notifications/data";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePageRole("admin", "/settings/webhooks");
  const webhooks = await listWebhooks();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Vigil posts incident declarations, severity and status changes, status updates and resolutions to these URLs, retrying until each event is delivered once."
      />
      <div className="flex flex-col gap-4">
        <Panel title="Add a webhook">
          <WebhookForm />
        </Panel>
        <WebhooksTable webhooks={webhooks} />
      </div>
    </>
  );
}
