import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway(() =>
  project("bot", { resources: [service("bot", { start: "python bot.py", replicas: 2 })] }),
);
