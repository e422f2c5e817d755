import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => project("bots", {
  resources: [service("poller", { start: "python bot.py", replicas: 0x7fffffff })],
}));
