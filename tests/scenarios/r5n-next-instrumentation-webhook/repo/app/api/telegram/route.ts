import { webhookCallback } from "grammy";
import { bot } from "../../../lib/alerts";

export const POST = webhookCallback(bot, "std/http");
