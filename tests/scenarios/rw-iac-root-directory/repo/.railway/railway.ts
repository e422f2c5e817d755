import { defineRailway, project, service, group, github } from "railway/iac";

export default defineRailway(() => {
  const web = service("web", { source: github("acme/shop", { rootDirectory: "services/web" }) });
  const bot = service("bot", {
    source: github("acme/shop", { rootDirectory: "/services/bot" }),
    replicas: 2,
  });
  return project("shop", { resources: [web, bot] });
});
