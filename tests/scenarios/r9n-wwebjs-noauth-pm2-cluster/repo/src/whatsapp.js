import wweb from 'whatsapp-web.js';

const { Client } = wweb;
let client;

export async function startClient() {
  client = new Client({
    puppeteer: { args: ['--no-sandbox'] },
  });
  client.on('message', (message) => message.reply('We will call you back.'));
  await client.initialize();
}
