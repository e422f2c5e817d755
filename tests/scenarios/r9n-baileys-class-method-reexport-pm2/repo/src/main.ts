import WAClient from './lib/wa';

const wa = new WAClient('auth');

setImmediate(async () => {
  console.log(wa.status());
  await wa.startClient();
});
