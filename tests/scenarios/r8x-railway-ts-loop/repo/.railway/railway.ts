import { defineRailway, project, service } from "railway/iac";

const REGIONS = ["us-west2", "europe-west4"];

export default defineRailway(() => {
  const services: Record<string, ReturnType<typeof service>> = {};
  for (const region of REGIONS) {
    services[`bot-${region}`] = service(`bot-${region}`, {
      start: "python bot.py",
    });
  }
  return project("bots", { resources: Object.values(services) });
});
