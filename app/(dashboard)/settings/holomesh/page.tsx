import type { Metadata } from "next";
import { HoloMeshConnectionForm } from "@/components/board/holomesh-connection-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { getHoloMeshConnectionView } from "@/lib/board/data";

export const metadata: Metadata = { title: "HoloMesh" };

export default async function HoloMeshSettingsPage() {
  await requirePageRole("admin", "/settings/holomesh");
  const connection = await getHoloMeshConnectionView();
  return (
    <>
      <PageHeader
        title="HoloMesh"
        description="The team board Vigil reads and changes (runbook §9). Vigil's server makes every call; the API key never reaches a browser."
      />
      <Panel title="Connection">
        <HoloMeshConnectionForm initial={connection} />
      </Panel>
    </>
  );
}
