import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", { replicas: 1 });
  return project("pollbot", { resources: [bot] });
});
