export const HOME_REGION = "europe-west4-drams3a";
export const KEPT = ["TG_TOKEN", "DATABASE_URL"];
