const { createBot, createProvider, createFlow, addKeyword, MemoryDB } = require('@builderbot/bot');
const { MetaProvider } = require('@builderbot/provider-meta');

const welcome = addKeyword(['hi', 'hello']).addAnswer('Welcome to the shop! Type *menu* for our products.');

const main = async () => {
  const provider = createProvider(MetaProvider, {
    jwtToken: process.env.META_JWT,
    numberId: process.env.META_NUMBER_ID,
    verifyToken: process.env.META_VERIFY_TOKEN,
    version: 'v18.0',
  });
  await createBot({ flow: createFlow([welcome]), provider, database: new MemoryDB() });
  provider.initHttpServer(3008);
};

main();
