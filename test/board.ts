import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/roles";
import { getHoloMeshConnectionView } from "@/lib/board/data";
import { saveHoloMeshConnection } from "@/lib/board/mutations";
import { db } from "@/lib/db";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import {
  startHoloMeshSimulator,
  type HoloMeshSimulator,
  type HoloMeshTeamSpec,
} from "@/dev/simulator/holomesh";
import { makeUser } from "@/test/fixtures";

/** Keys long and odd enough that finding one in any output can only mean it leaked. */
export function testKey(label: string): string {
  return `hm_${label}_${randomBytes(12).toString("hex")}`;
}

export type BoardFixture = {
  simulator: HoloMeshSimulator;
  admin: Actor;
  lead: Actor;
  viewer: Actor;
  /** Points Vigil at a fresh team on the simulator, with the key stored encrypted, clears the simulator's faults, and forgets the last board. */
  connect(teamId: string, apiKey: string): Promise<void>;
  /** A team of its own on the simulator, owned by a new "Founder" key with one member key; `spec` sets the rest. */
  addTeam(spec?: Partial<HoloMeshTeamSpec>): {
    teamId: string;
    ownerKey: string;
    memberKey: string;
  };
  close(): Promise<void>;
};

/** For board tests: the HoloMesh simulator, an allow rule for its loopback port, and users of each role. */
export async function startBoardFixture(): Promise<BoardFixture> {
  const savedEnv = { key: process.env.HOLOMESH_API_KEY, secret: process.env.VIGIL_SECRET_KEY };
  delete process.env.HOLOMESH_API_KEY;
  process.env.VIGIL_SECRET_KEY = randomBytes(32).toString("hex");
  const simulator = await startHoloMeshSimulator();
  const admin = await makeUser("admin", "board-admin");
  const lead = await makeUser("lead", "board-lead");
  const viewer = await makeUser("viewer", "board-viewer");
  const port = new URL(simulator.url).port;
  const rule = await addAllowRule(admin, { rule: `127.0.0.1:${port}`, note: "board tests" });
  return {
    simulator,
    admin,
    lead,
    viewer,
    async connect(teamId, apiKey) {
      const { version } = await getHoloMeshConnectionView();
      await saveHoloMeshConnection(admin, { version, baseUrl: simulator.url, teamId, apiKey });
      simulator.clearFaults();
      await db.boardSnapshot.deleteMany({ where: { id: 1 } });
    },
    addTeam(spec = {}) {
      const teamId = `team_${randomUUID().slice(0, 8)}`;
      const ownerKey = testKey("owner");
      const memberKey = testKey("member");
      simulator.addKey(ownerKey, "Founder");
      simulator.addKey(memberKey, "agent-member");
      simulator.addTeam({
        id: teamId,
        name: `Team ${teamId}`,
        ownerKey,
        memberKeys: [memberKey],
        ...spec,
      });
      return { teamId, ownerKey, memberKey };
    },
    async close() {
      // Later test files must not find a configured team feed for their status updates.
      await db.holoMeshConnection.updateMany({
        where: { id: 1 },
        data: { teamId: "", apiKeyCiphertext: null, apiKeyHint: null },
      });
      await db.boardSnapshot.deleteMany({ where: { id: 1 } });
      await removeAllowRule(admin, rule.id);
      await simulator.stop();
      if (savedEnv.key === undefined) delete process.env.HOLOMESH_API_KEY;
      else process.env.HOLOMESH_API_KEY = savedEnv.key;
      if (savedEnv.secret === undefined) delete process.env.VIGIL_SECRET_KEY;
      else process.env.VIGIL_SECRET_KEY = savedEnv.secret;
    },
  };
}
