export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { connectGuildBot } = await import("./lib/guild-bot");
  await connectGuildBot();
}
