import type { Context } from "../deps.ts";

export async function status(ctx: Context) {
  await ctx.reply("all printers idle");
}
