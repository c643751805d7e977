import { expect, type Page } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";

export const e2ePassword = process.env.VIGIL_E2E_PASSWORD ?? "";
export const brokenDbBaseUrl = "http://127.0.0.1:3101";
export const emailFor = (role: Role) => `${role}@e2e.test`;
export const storageStateFor = (role: Role) => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password: string, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
}

export async function expectSignedInAs(page: Page, role: Role): Promise<void> {
  await expect(page.getByTestId("current-role")).toHaveText(new RegExp(role, "i"));
}
