import type { ApiOperation } from "@/lib/api/operation";
import { accountOperations } from "@/lib/api/operations/account";
import { boardOperations } from "@/lib/api/operations/board";
import { deployOperations } from "@/lib/api/operations/deploys";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { healthOperations } from "@/lib/api/operations/health";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { maintenanceOperations } from "@/lib/api/operations/maintenance";
import { pagingOperations } from "@/lib/api/operations/paging";
import { postmortemOperations } from "@/lib/api/operations/postmortems";

/** The REST surface: the OpenAPI document, the route inventory and its tests are read from this list. */
export const apiOperations: ApiOperation[] = [
  accountOperations,
  healthOperations,
  incidentOperations,
  boardOperations,
  postmortemOperations,
  deployOperations,
  maintenanceOperations,
  handoffOperations,
  pagingOperations,
].flatMap((area) => Object.values(area));
