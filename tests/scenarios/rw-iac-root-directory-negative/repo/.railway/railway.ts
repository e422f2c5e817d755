import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway(() => {
  const web = service("web", {
    source: github("acme/shop", { rootDirectory: "services/web" }),
    replicas: 2,
  });
  const bot = service("bot", { source: github("acme/shop", { rootDirectory: "services/bot" }) });
  return project("shop", { resources: [web, bot] });
});
