import type { Metadata } from "next";
import Link from "next/link";
import { IncidentReportView } from "@/components/incidents/report";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { incidentReport } from "@/lib/incidents/data";

export const metadata: Metadata = { title: "Incident report" };

const reportMonths = 12;

export default async function IncidentReportPage() {
  await requirePageRole("viewer", "/incidents/report");
  const report = await incidentReport(reportMonths);
  return (
    <>
      <PageHeader
        title="Incident report"
        description={`The last ${reportMonths} months: incidents by severity, and how long they took to mitigate and resolve.`}
        actions={
          <Link href="/incidents" className={buttonClasses("secondary")}>
            All incidents
          </Link>
        }
      />
      <IncidentReportView report={report} />
    </>
  );
}
