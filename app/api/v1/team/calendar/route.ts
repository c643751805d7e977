import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getTeamCalendarView } from "@/lib/team/data";
import { updateTeamCalendar } from "@/lib/team/mutations";

export const GET = apiRoute("viewer", async () => jsonResponse(await getTeamCalendarView()));

/** Changing the time zone or holidays recomputes the due dates of unpublished required postmortems. */
export const PUT = apiRoute("admin", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await updateTeamCalendar(actor, body));
});
