const { createBot, createProvider, createFlow, addKeyword, MemoryDB } = require('@builderbot/bot');
const { BaileysProvider } = require('@builderbot/provider-baileys');

const welcome = addKeyword(['hi', 'hello']).addAnswer('Welcome to the shop! Type *menu* for our products.');

const main = async () => {
  const provider = createProvider(BaileysProvider, { name: 'shop' });
  await createBot({ flow: createFlow([welcome]), provider, database: new MemoryDB() });
  provider.initHttpServer(3008);
};

main();
