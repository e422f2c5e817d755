import { defineRailway, project, service } from "railway/iac";

function staging() {
  return project("bot", { resources: [service("bot", { start: "python bot.py", replicas: 3 })] });
}

export const Railway = defineRailway(() =>
  project("bot", { resources: [service("bot", { start: "python bot.py", replicas: 1 })] }));
