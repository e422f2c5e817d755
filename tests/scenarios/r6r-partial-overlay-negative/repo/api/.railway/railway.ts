import { defineRailway, project, service } from "railway/iac";

export const partial = "api";

export default defineRailway(() =>
  project("shop-api", { resources: [service("api", { start: "uvicorn main:app --host 0.0.0.0 --port $PORT" })] }),
);
