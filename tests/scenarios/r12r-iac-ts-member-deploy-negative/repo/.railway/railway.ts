import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const web = service("web", { start: "gunicorn main:app" });
  const worker = service("worker", { replicas: 2 });
  worker.deploy = { startCommand: "gunicorn main:app" };
  return project("shop", { resources: [web, worker] });
});
