async function main() {
  const started = Date.now();
  await import('./bot.mjs');
  console.log('loaded in', Date.now() - started);
}

main();
