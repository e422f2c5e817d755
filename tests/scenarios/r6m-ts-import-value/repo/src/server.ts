import express from "express";
import { bot } from "./bot";

// a value import: bot.ts runs (and launches polling) in every replica of the web service
const app = express();
app.get("/health", (_req, res) => res.send(bot.botInfo?.username ?? "ok"));
app.listen(Number(process.env.PORT ?? 3000));
