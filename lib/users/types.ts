import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { createUserSchema } from "@/lib/users/schema";

export type CreateUserInput = z.input<typeof createUserSchema>;

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
};
