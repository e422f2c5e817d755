import { defineRailway, project, service, group, github } from "railway/iac";

const REGIONS = { "europe-west4": 1 };

export default defineRailway(() =>
  project("telegram-bot", {
    resources: [service("bot", { start: "python bot.py", replicas: REGIONS })],
  }),
);
