const express = require("express");
const cron = require("node-cron");
const { sendInvoiceReminders } = require("./reminders");

const app = express();
app.get("/health", (req, res) => res.json({ ok: true }));

async function start() {
  app.listen(Number(process.env.PORT) || 4000);
  // production only
  const isPrimaryWorker = process.env.NODE_ENV === "production";
  const remindersEnabled = process.env.REMINDERS !== "off";
  if (isPrimaryWorker && remindersEnabled) {
    cron.schedule("0 9 * * *", () => sendInvoiceReminders());
  }
}

start();
