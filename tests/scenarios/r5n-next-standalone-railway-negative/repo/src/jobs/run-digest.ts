import { scheduleDigest } from "./digest";

scheduleDigest();
