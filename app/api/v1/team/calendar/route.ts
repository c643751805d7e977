import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { getTeamCalendarView } from "@/lib/team/data";
import { updateTeamCalendar } from "@/lib/team/mutations";

export const GET = handlerOf(postmortemOperations.getTeamCalendar, async () =>
  jsonResponse(await getTeamCalendarView()),
);

/** Changing the time zone or holidays recomputes the due dates of unpublished required postmortems. */
export const PUT = handlerOf(postmortemOperations.updateTeamCalendar, async ({ actor, body }) =>
  jsonResponse(await updateTeamCalendar(actor, body)),
);
