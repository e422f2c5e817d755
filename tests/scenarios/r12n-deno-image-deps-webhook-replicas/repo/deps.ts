export { Bot, type Context, webhookCallback } from "https://deno.land/x/grammy@v1.30.0/mod.ts";
export { load } from "https://deno.land/std@0.224.0/dotenv/mod.ts";
