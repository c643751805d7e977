function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The page a navigation gets (HTTP 503) while Vigil cannot reach its database. Plain HTML with no script,
 * so it renders even though nothing of the app can load; it reloads itself every 15 s.
 */
export function outagePageHtml(options: { nonce?: string; path?: string } = {}): string {
  const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : "";
  const retryHref = escapeHtml(options.path ?? "/");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15">
<title>Database unreachable · Vigil</title>
<style${nonce}>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 36rem; padding: 2rem; }
  h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
  p, li { line-height: 1.5; }
  .muted { opacity: 0.75; font-size: 0.875rem; }
</style>
</head>
<body>
<main role="alert" data-testid="outage-page">
  <h1>Vigil can't reach its database</h1>
  <p>The server is running, but its database is not answering, so pages and the API cannot show or change anything right now.</p>
  <p>What still works:</p>
  <ul>
    <li>Health checks go on at every interval. Their results are kept in memory and written as soon as the database is back, so the history has no gap.</li>
    <li>Services' states, alerts and incident changes catch up once those results are written.</li>
  </ul>
  <p class="muted">This page tries again every 15 seconds. <a href="${retryHref}">Try now</a>. If it lasts, check the Postgres server and the network between it and Vigil.</p>
</main>
</body>
</html>
`;
}
