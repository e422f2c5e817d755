import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway((ctx) => {
  const prod = ctx.environment === "production";
  const bot = service("bot", {
    start: "python bot.py",
    replicas: 1,
    env: { LOG_LEVEL: prod ? "info" : "debug" },
  });
  return project("telegram-bot", { resources: [bot] });
});
