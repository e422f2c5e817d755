import { defineRailway, project, service } from "railway/iac";
import * as deploy from "../config/deploy";

export default defineRailway((ctx) => project("bots", {
  resources: [service("poller", { start: deploy.START, replicas: deploy.REPLICAS.production } satisfies Record<string, unknown>)],
}));
