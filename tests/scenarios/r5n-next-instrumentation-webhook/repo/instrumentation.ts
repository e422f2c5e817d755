export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startAlerts } = await import("./lib/alerts");
    await startAlerts();
  }
}
