import { defineRailway, project, service } from "railway/iac";

// This repository owns only the web service; the bot keeps its own config.
export const partial = "web";

export default defineRailway(() =>
  project("shop", { resources: [service("web", { start: "gunicorn web:app" })] }),
);
