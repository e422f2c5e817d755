import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", { start: "python bot.py" });
  return project("bot", { resources: [bot] });
});
