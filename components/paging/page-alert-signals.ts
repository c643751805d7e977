export type PageEvent = { pageId: string; what: string; title: string; userIds: string[] };

let audioContext: AudioContext | null = null;

/** Two short rising tones, made on the spot: no sound file to load or cache. */
export function playPageSound(): void {
  if (typeof window === "undefined" || typeof window.AudioContext === "undefined") return;
  try {
    audioContext ??= new window.AudioContext();
    const context = audioContext;
    void context.resume().catch(() => {});
    const start = context.currentTime + 0.02;
    [880, 1320].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + index * 0.22;
      oscillator.type = "sine";
      oscillator.frequency.setValueAtTime(frequency, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.21);
    });
  } catch {
    // A browser that refuses audio before any click: the desktop notification still shows.
  }
}

export function showDesktopNotification(event: PageEvent, open: (path: string) => void): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const notification = new Notification(
    event.what === "escalated" ? `Escalated: ${event.title}` : `Paging you: ${event.title}`,
    {
      body: "Open Vigil to acknowledge.",
      tag: `vigil-page-${event.pageId}`,
      requireInteraction: true,
    },
  );
  notification.onclick = () => {
    window.focus();
    open(`/pages/${event.pageId}`);
    notification.close();
  };
}
