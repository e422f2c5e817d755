export const token = process.env.STANDUP_DEV_TOKEN;
