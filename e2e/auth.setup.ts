import { test as setup } from "@playwright/test";
import { roles } from "@/lib/auth/roles";
import { e2ePassword, emailFor, expectSignedInAs, signIn, storageStateFor } from "./support";

for (const role of roles) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, emailFor(role), e2ePassword);
    await page.waitForURL("/");
    await expectSignedInAs(page, role);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
