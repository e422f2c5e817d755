export const START = "python bot.py";
export const REPLICAS = { production: 2, staging: 1 } as const;
