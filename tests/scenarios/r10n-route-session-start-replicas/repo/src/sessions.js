const { Client, LocalAuth } = require('whatsapp-web.js');

const clients = new Map();

async function openSession(id) {
  if (clients.has(id)) return clients.get(id);
  const client = new Client({ authStrategy: new LocalAuth({ clientId: id, dataPath: '/data/wa' }) });
  client.on('message', (msg) => console.log(id, msg.from));
  clients.set(id, client);
  await client.initialize();
  return client;
}

module.exports = { openSession };
