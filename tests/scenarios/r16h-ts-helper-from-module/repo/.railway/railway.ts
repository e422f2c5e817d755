import { defineRailway, project } from "railway/iac";
import { pythonWorker } from "./lib/workers";

export default defineRailway((ctx) => project("bots", {
  resources: [pythonWorker("poller", ctx.environment === "production" ? 2 : 1)],
}));
