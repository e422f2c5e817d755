import { defineRailway, postgres, project } from "railway/iac";
import { poller } from "@acme/railway-kit";

export default defineRailway(() => {
  const db = postgres("db");
  return project("bots", { resources: [db, poller] });
});
