export { Bot, type Context } from "https://deno.land/x/grammy@v1.21.1/mod.ts";
export { run } from "https://deno.land/x/grammy_runner@v2.0.3/mod.ts";
