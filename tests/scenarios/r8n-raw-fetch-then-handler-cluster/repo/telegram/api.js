const fetch = require('node-fetch');

function pullUpdates(offset) {
  const url = `https://api.telegram.org/bot${process.env.TICKER_TOKEN}/getUpdates?timeout=25&offset=${offset}`;
  return fetch(url).then((res) => res.json());
}

module.exports = { pullUpdates };
