export const START = "python bot.py";
export const REPLICAS = { production: 1, staging: 1 } as const;
