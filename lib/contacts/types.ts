import type { z } from "zod";
import type { ContactMethodKind } from "@/lib/contacts/labels";
import type { createContactMethodSchema, updateContactMethodSchema } from "@/lib/contacts/schema";

export type { ContactMethodKind } from "@/lib/contacts/labels";
export type CreateContactMethodInput = z.input<typeof createContactMethodSchema>;
export type UpdateContactMethodInput = z.input<typeof updateContactMethodSchema>;

export type ContactTestStatus = "delivered" | "failed";

export type ContactMethodView = {
  id: string;
  userId: string;
  kind: ContactMethodKind;
  label: string;
  /** An email address in full; a URL as redactUrl shows it (its token never leaves the server). */
  displayTarget: string;
  enabled: boolean;
  version: number;
  lastTestAt: string | null;
  lastTestStatus: ContactTestStatus | null;
  lastTestError: string | null;
  createdAt: string;
  updatedAt: string;
};
