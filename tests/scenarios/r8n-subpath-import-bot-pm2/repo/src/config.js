export const token = process.env.STANDUP_TOKEN;
