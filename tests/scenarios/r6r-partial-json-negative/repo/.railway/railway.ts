import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() =>
  project("shop", { resources: [service("web", { start: "gunicorn web:app" })] }),
);
