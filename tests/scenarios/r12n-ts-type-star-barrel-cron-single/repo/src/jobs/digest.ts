import cron from "node-cron";
import type { DigestJob } from "./types";

export function scheduleDigest(job: DigestJob): void {
  cron.schedule(job.schedule, () => console.log(`sending ${job.name}`));
}
