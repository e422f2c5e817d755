import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway((ctx) => {
  const bot = service("bot", {
    start: "python bot.py",
    replicas: ctx.environment === "production" ? 2 : 1,
  });
  return project("telegram-bot", { resources: [bot] });
});
