import { scheduleDigest } from "./jobs";

scheduleDigest({ name: "daily", schedule: "0 8 * * *" });
