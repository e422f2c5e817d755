const API = `https://api.telegram.org/bot${process.env.TELEGRAM_BOT_TOKEN}`;

async function handle(update) {
  if (update.message?.text === '/ping') {
    await fetch(`${API}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: update.message.chat.id, text: 'pong' }),
    });
  }
}

export async function startTelegram() {
  let offset = 0;
  await fetch(`${API}/getUpdates?offset=-1`); // drop what queued up while we were down
  while (true) {
    try {
      const res = await fetch(`${API}/getUpdates?offset=${offset}&timeout=30`);
      const data = await res.json();
      for (const update of data.result ?? []) {
        offset = update.update_id + 1;
        await handle(update);
      }
    } catch (err) {
      console.error('telegram', err);
    }
  }
}
