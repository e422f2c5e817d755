import wweb from 'whatsapp-web.js';

const { Client, LocalAuth } = wweb;
let client;

export async function startClient() {
  client = new Client({
    authStrategy: new LocalAuth({ clientId: 'clinic' }),
    puppeteer: { args: ['--no-sandbox'] },
  });
  client.on('message', (message) => message.reply('We will call you back.'));
  await client.initialize();
}
