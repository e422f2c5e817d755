import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => project("bots", {
  resources: [service("poller", {
    start: `python ${process.env.ENTRY}`,
    replicas: Number(process.env.REPLICAS),
  })],
}));
