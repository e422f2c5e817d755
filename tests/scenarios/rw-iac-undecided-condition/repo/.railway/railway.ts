import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", {
    start: "python bot.py",
    replicas: process.env.HIGH_AVAILABILITY === "1" ? 2 : 1,
  });
  return project("telegram-bot", { resources: [bot] });
});
