const { prefix } = require('./client');

async function loadSettings() {
  return { prefix };
}

module.exports = { loadSettings };
