"use client";

import { useState } from "react";
import { playPageSound } from "@/components/paging/page-alert-signals";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Permission = NotificationPermission | "unsupported";

const permissionWords: Record<Permission, string> = {
  default: "Not asked yet: pages reach you in this browser only as a sound while Vigil is open.",
  granted:
    "Allowed: while Vigil is open, a page for you shows a desktop notification and plays a sound.",
  denied:
    "Blocked in this browser. Allow notifications for this site in the browser's site settings, then reload.",
  unsupported: "This browser has no desktop notifications.",
};

/** The browser's own permission, asked for only on a click (browsers ignore requests made without one). */
export function DesktopNotificationsSetting() {
  const hydrated = useHydrated();
  const [answered, setPermission] = useState<Permission | null>(null);
  const permission: Permission | null =
    answered ??
    (hydrated
      ? typeof Notification === "undefined"
        ? "unsupported"
        : Notification.permission
      : null);

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="desktop-notifications">
      <p>
        <span className="font-medium">Desktop notifications: </span>
        <span
          data-testid="desktop-notifications-permission"
          data-permission={permission ?? "unknown"}
        >
          {permission ? permissionWords[permission] : "Checking…"}
        </span>
      </p>
      <div className="flex gap-2">
        {permission === "default" ? (
          <Button
            variant="primary"
            size="sm"
            onClick={() => {
              void Notification.requestPermission().then(setPermission);
            }}
          >
            Allow
          </Button>
        ) : null}
        <Button size="sm" onClick={playPageSound}>
          Play the page sound
        </Button>
      </div>
    </div>
  );
}
