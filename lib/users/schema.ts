import { z } from "zod";
import { passwordRules } from "@/lib/auth/password";
import { roles } from "@/lib/auth/roles";

export const roleSchema = z.enum(roles);

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(320);
const password = z
  .string()
  .min(passwordRules.minLength, `Use at least ${passwordRules.minLength} characters.`)
  .max(passwordRules.maxLength, `Use at most ${passwordRules.maxLength} characters.`);
const optionalPassword = z.preprocess(
  (value) => (value === "" ? undefined : value),
  password.optional(),
);

export const createUserSchema = z.object({
  email,
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: roleSchema.default("viewer"),
  password: optionalPassword,
});

export const setUserRoleSchema = z.object({ userId: z.string().uuid(), role: roleSchema });
export const setUserDisabledSchema = z.object({
  userId: z.string().uuid(),
  disabled: z.preprocess((value) => value === true || value === "true", z.boolean()),
});
export const resetPasswordSchema = z.object({
  userId: z.string().uuid(),
  password: optionalPassword,
});
export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(passwordRules.maxLength),
});
