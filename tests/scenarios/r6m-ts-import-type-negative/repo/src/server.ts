import express from "express";
import type { bot } from "./bot";

// only the bot's type: TypeScript erases this import, so bot.ts never runs in the web service
export function describe(handle: typeof bot): string {
  return handle.botInfo?.username ?? "unknown";
}

const app = express();
app.get("/health", (_req, res) => res.send("ok"));
app.listen(Number(process.env.PORT ?? 3000));
