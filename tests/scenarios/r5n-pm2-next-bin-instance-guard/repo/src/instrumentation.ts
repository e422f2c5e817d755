export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // PM2 numbers cluster instances 0..n-1: only the first one connects the bot
  if (process.env.NODE_APP_INSTANCE === "0") {
    const { connectGuildBot } = await import("./lib/guild-bot");
    await connectGuildBot();
  }
}
