import { z } from "zod";
import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { getBoardView } from "@/lib/board/data";
import { refreshBoard } from "@/lib/board/mutations";

const boardQuerySchema = z.object({ refresh: z.enum(["0", "1", "true", "false"]).optional() });

/** The panel's data; `?refresh=1` fetches the board from HoloMesh now instead of answering the stored one. */
export const GET = apiRoute("viewer", async ({ request }) => {
  const query = readQuery(request, boardQuerySchema);
  const refresh = query.refresh === "1" || query.refresh === "true";
  return jsonResponse(refresh ? await refreshBoard() : await getBoardView());
});
