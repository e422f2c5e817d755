async function main() {
  const started = Date.now();
  await import('./health.mjs');
  console.log('loaded in', Date.now() - started);
}

main();
