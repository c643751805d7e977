import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type {
  changeOwnPasswordSchema,
  createUserSchema,
  resetPasswordSchema,
  setUserDisabledSchema,
  setUserRoleSchema,
} from "@/lib/users/schema";

export type CreateUserInput = z.input<typeof createUserSchema>;
export type ChangeOwnPasswordInput = z.input<typeof changeOwnPasswordSchema>;
export type SetUserRoleInput = z.input<typeof setUserRoleSchema>;
export type SetUserDisabledInput = z.input<typeof setUserDisabledSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
/** What the CLI sends: the role as typed, which the schema checks beside the other fields. */
export type CreateUserRequest = Omit<CreateUserInput, "role"> & { role?: string };
export type SetUserRoleRequest = Omit<SetUserRoleInput, "role"> & { role: string };

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
};
