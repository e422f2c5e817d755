const express = require("express");
const cron = require("node-cron");
const { sendInvoiceReminders } = require("./reminders");

const app = express();
app.get("/health", (req, res) => res.json({ ok: true }));

async function start() {
  app.listen(Number(process.env.PORT) || 4000);
  // PM2 cluster: only the first worker runs the schedulers
  const isPrimaryWorker = !process.env.NODE_APP_INSTANCE || process.env.NODE_APP_INSTANCE === "0";
  const remindersEnabled = process.env.REMINDERS !== "off";
  if (isPrimaryWorker && remindersEnabled) {
    cron.schedule("0 9 * * *", () => sendInvoiceReminders());
  }
}

start();
