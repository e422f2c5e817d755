import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", {
    start: "python bot.py",
    replicas: Number(process.env.BOT_REPLICAS),
  });
  return project("telegram-bot", { resources: [bot] });
});
