import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  autosaveDelayMs,
  PostmortemEditorStore,
  type SaveRequest,
} from "@/components/postmortems/postmortem-editor-store";
import type { ActionResult } from "@/lib/errors";
import { emptyPostmortemContent } from "@/lib/postmortems/labels";
import type {
  PostmortemContentPatch,
  PostmortemDetail,
  PostmortemStatus,
  PostmortemView,
} from "@/lib/postmortems/types";

function viewOf(
  version: number,
  content = emptyPostmortemContent,
  status: PostmortemStatus = "draft",
): PostmortemView {
  const person = {
    id: "00000000-0000-4000-8000-000000000001",
    name: "Ada",
    email: "ada@example.test",
  };
  return {
    id: "00000000-0000-4000-8000-000000000002",
    status,
    required: true,
    dueAt: null,
    dueIn: null,
    overdue: false,
    version,
    content,
    owner: person,
    reviewRequestedAt: null,
    publishedAt: null,
    publishedBy: null,
    createdAt: "2026-11-27T10:00:00.000Z",
    updatedAt: "2026-11-27T10:00:00.000Z",
    incident: {
      id: "00000000-0000-4000-8000-000000000003",
      number: 1,
      title: "t",
      severity: "sev1",
      status: "resolved",
      commander: person,
      declaredAt: "2026-11-27T09:00:00.000Z",
      resolvedAt: "2026-11-27T09:30:00.000Z",
    },
  };
}

/** The save rules of lib/postmortems/mutations.ts in memory: the version must match, published is read-only. */
class FakeServer {
  requests: { version: number; patch: PostmortemContentPatch }[] = [];
  hold: Promise<void> | null = null;
  constructor(public view: PostmortemView) {}

  save(patch: PostmortemContentPatch): void {
    const { timeline, ...sections } = patch;
    this.view = {
      ...this.view,
      version: this.view.version + 1,
      content: {
        ...this.view.content,
        ...sections,
        timeline: timeline
          ? { excluded: timeline.excluded ?? [], annotations: timeline.annotations ?? {} }
          : this.view.content.timeline,
      },
    };
  }

  request: SaveRequest = async (version, patch): Promise<ActionResult<PostmortemDetail>> => {
    this.requests.push({ version, patch });
    if (this.hold) await this.hold;
    if (this.view.status === "published")
      return {
        ok: false,
        error: {
          code: "conflict",
          message: "This postmortem is published and read-only.",
          details: { current: this.view },
        },
      };
    if (version !== this.view.version)
      return {
        ok: false,
        error: { code: "conflict", message: "It changed.", details: { current: this.view } },
      };
    this.save(patch);
    return { ok: true, data: { postmortem: this.view } as PostmortemDetail };
  };
}

function setup(content = emptyPostmortemContent) {
  const server = new FakeServer(viewOf(1, content));
  const details: PostmortemDetail[] = [];
  const refused = vi.fn();
  const store = new PostmortemEditorStore(
    server.view,
    server.request,
    (detail) => details.push(detail),
    refused,
  );
  return { server, store, details, refused };
}

describe("PostmortemEditorStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("autosaves once typing pauses, sending only the changed section with the version it read", async () => {
    const { server, store, details } = setup({ ...emptyPostmortemContent, summary: "prefilled" });
    store.editSection("lessons", "l");
    store.editSection("lessons", "lessons learnt");
    expect(store.getSnapshot().status.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(autosaveDelayMs - 1);
    expect(server.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.requests).toEqual([{ version: 1, patch: { lessons: "lessons learnt" } }]);
    expect(store.getSnapshot()).toMatchObject({ version: 2, status: { state: "saved" } });
    expect(details).toHaveLength(1);
    expect(server.view.content.summary).toBe("prefilled");
  });

  it("keeps what is typed while a save is on its way and sends it next, on the new version", async () => {
    const { server, store } = setup();
    let release: () => void = () => {};
    server.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    store.editSection("summary", "first");
    const saving = store.saveNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toEqual([{ version: 1, patch: { summary: "first" } }]);
    expect(store.getSnapshot().status.state).toBe("saving");
    store.editSection("summary", "first and more");
    server.hold = null;
    release();
    await saving;
    expect(store.getSnapshot().draft.summary).toBe("first and more");
    expect(store.getSnapshot().status.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(autosaveDelayMs);
    expect(server.requests.map((request) => request.version)).toEqual([1, 2]);
    expect(server.view.content.summary).toBe("first and more");
  });

  it("merges another editor's change to a different section and saves again without asking", async () => {
    const { server, store } = setup();
    server.save({ impact: "their impact" });
    store.editSection("summary", "my summary");
    expect(await store.saveNow()).toBe(true);
    expect(server.requests.map((request) => request.version)).toEqual([1, 2]);
    expect(server.view.content).toMatchObject({ summary: "my summary", impact: "their impact" });
    expect(store.getSnapshot().draft.impact).toBe("their impact");
    expect(store.getSnapshot().conflict).toBeNull();
  });

  it("stops on a section both changed: nothing is sent until the author keeps theirs or mine", async () => {
    const { server, store } = setup();
    server.save({ summary: "their summary", lessons: "their lessons" });
    store.editSection("summary", "my summary");
    store.editSection("lessons", "my lessons");
    expect(await store.saveNow()).toBe(false);
    const { conflict, draft, status } = store.getSnapshot();
    expect(conflict?.conflicts.sections.map((section) => section.part)).toEqual([
      "summary",
      "lessons",
    ]);
    expect(draft).toMatchObject({ summary: "my summary", lessons: "my lessons" });
    expect(status.state).toBe("error");

    store.editSection("summary", "my summary, still typing");
    await vi.advanceTimersByTimeAsync(autosaveDelayMs * 2);
    expect(server.requests).toHaveLength(1);

    store.useTheirs("lessons");
    expect(store.getSnapshot().draft.lessons).toBe("their lessons");
    expect(server.requests).toHaveLength(1);
    store.keepMine("summary");
    await vi.runAllTimersAsync();
    expect(server.requests.at(-1)).toEqual({
      version: 2,
      patch: { summary: "my summary, still typing" },
    });
    expect(server.view.content).toMatchObject({
      summary: "my summary, still typing",
      lessons: "their lessons",
    });
    expect(store.getSnapshot().conflict).toBeNull();
  });

  it("does not retry into a published document and keeps the text", async () => {
    const { server, store, refused } = setup();
    server.view = viewOf(2, emptyPostmortemContent, "published");
    store.editSection("summary", "too late");
    expect(await store.saveNow()).toBe(false);
    expect(server.requests).toHaveLength(1);
    expect(store.getSnapshot().status).toEqual({
      state: "error",
      message: "Not saved: This postmortem is published and read-only.",
    });
    expect(store.getSnapshot().draft.summary).toBe("too late");
    expect(refused).toHaveBeenCalledOnce();
  });

  it("waits for the autosave before a versioned request, which then carries the saved version", async () => {
    const { server, store } = setup();
    store.editSection("summary", "ready for review");
    const versions: number[] = [];
    const result = await store.runVersioned(
      async (version) => {
        versions.push(version);
        server.view = { ...server.view, version: server.view.version + 1, status: "in_review" };
        return { ok: true, data: server.view };
      },
      (view) => view,
    );
    expect(result.ok).toBe(true);
    expect(versions).toEqual([2]);
    expect(store.getSnapshot().version).toBe(3);
  });
});
