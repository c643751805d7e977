/** Only same-origin paths: "/x" yes; "//host", "/\host" and absolute URLs no; sign-in itself would loop. */
export function safeCallbackUrl(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return "/";
  if (value === "/signin" || value.startsWith("/signin?") || value.startsWith("/signin/"))
    return "/";
  return value;
}

const errorMessages: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  TooManyAttempts: "Too many sign-in attempts from this address. Wait 15 minutes and try again.",
  AccessDenied: "That account cannot sign in to Vigil. Ask an admin to add or enable it.",
  SessionRequired: "Sign in to continue.",
};

export const genericSignInError = "Sign-in failed. Try again.";

export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  return errorMessages[code] ?? genericSignInError;
}

const noticeMessages: Record<string, string> = {
  "password-changed":
    "Your password changed and every session ended. Sign in with the new password.",
};

export function signInNotice(code: string | undefined): string | null {
  return code ? (noticeMessages[code] ?? null) : null;
}
