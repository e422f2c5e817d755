import { defineRailway, project, service } from "railway/iac";

const SERVICES = { bot: "python bot.py", health: "python health.py" };

export default defineRailway(() => {
  const resources = [];
  for (const [name, start] of Object.entries(SERVICES)) {
    resources.push(service(name, { start }));
  }
  return project("bots", { resources });
});
