import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { changeOwnPasswordSchema, createUserSchema } from "@/lib/users/schema";

export type CreateUserInput = z.input<typeof createUserSchema>;
export type ChangeOwnPasswordInput = z.input<typeof changeOwnPasswordSchema>;

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
};
