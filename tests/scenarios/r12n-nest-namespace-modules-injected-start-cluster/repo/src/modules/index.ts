export * from "./bot/bot.module";
