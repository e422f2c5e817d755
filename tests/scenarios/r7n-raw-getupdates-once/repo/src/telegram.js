const API = `https://api.telegram.org/bot${process.env.TELEGRAM_BOT_TOKEN}`;

// find the admin chat once at start-up (the bot itself runs elsewhere, on webhooks)
export async function startTelegram() {
  const res = await fetch(`${API}/getUpdates?limit=1`);
  const data = await res.json();
  for (const update of data.result ?? []) {
    console.log('admin chat id', update.message?.chat.id);
  }
}
