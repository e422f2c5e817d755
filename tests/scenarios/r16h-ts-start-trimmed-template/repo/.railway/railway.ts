import { defineRailway, project, service } from "railway/iac";

const ENTRY = "poll.py";
const START = `
  python ${ENTRY}
`.trim();

export default defineRailway(() => project("bots", {
  resources: [service("poller", { start: START, replicas: 2 })],
}));
