import { defineRailway, project, service } from "railway/iac";

export const partial = "bot";

export default defineRailway(() =>
  project("shop-bot", { resources: [service("bot", { start: "python bot.py" })] }),
);
