export const roles = ["viewer", "responder", "lead", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleDescriptions: Record<Role, string> = {
  viewer: "Reads everything",
  responder: "Declares incidents, writes timelines, postmortems and handoffs",
  lead: "Also changes the board mode and configures services",
  admin: "Also manages users, API tokens and settings",
};

export function hasRole(actual: Role, required: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(required);
}

export type Actor = { id: string; email: string; name: string; role: Role };
