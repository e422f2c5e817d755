// Seed 004: PID-file lock + webhook mode with automatic fallback to polling.
const fs = require('fs');
const path = require('path');
const express = require('express');
const TelegramBot = require('node-telegram-bot-api');

const token = process.env.TELEGRAM_BOT_TOKEN;
const DATA_DIR = process.env.DATA_DIR || path.join(__dirname, 'data');
const PID_FILE = path.join(DATA_DIR, 'bot.pid');
const USE_WEBHOOK = process.env.USE_WEBHOOK === 'true';

function acquireProcessLock() {
  try {
    fs.writeFileSync(PID_FILE, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
    try {
      process.kill(pid, 0);
      console.error(`Another instance is already running (PID: ${pid})`);
      process.exit(1);
    } catch (e) {
      fs.unlinkSync(PID_FILE);
      fs.writeFileSync(PID_FILE, String(process.pid), { flag: 'wx' });
      return true;
    }
  }
}

function releaseProcessLock() {
  try { fs.unlinkSync(PID_FILE); } catch (e) { /* already gone */ }
}

acquireProcessLock();

const bot = new TelegramBot(token, { polling: false });
const app = express();
app.use(express.json());

app.get('/health', (req, res) => res.json({ status: 'ok', mode: USE_WEBHOOK ? 'webhook' : 'polling' }));

async function setupWebhook() {
  const url = `${process.env.WEBHOOK_URL}${process.env.WEBHOOK_PATH || '/webhook'}`;
  await bot.setWebHook(url, { secret_token: process.env.WEBHOOK_SECRET });
  app.post(process.env.WEBHOOK_PATH || '/webhook', (req, res) => {
    bot.processUpdate(req.body);
    res.sendStatus(200);
  });
}

function startPollingMode() {
  bot.startPolling();
}

if (USE_WEBHOOK) {
  setupWebhook().catch(() => startPollingMode());
} else {
  startPollingMode();
}

async function shutdown() {
  if (USE_WEBHOOK) {
    await bot.deleteWebHook();
  } else {
    await bot.stopPolling();
  }
  releaseProcessLock();
  process.exit(0);
}

process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

app.listen(process.env.PORT || 3000);
