import { scheduleDigest } from "./jobs/digest";

export function register() {
  scheduleDigest();
}
