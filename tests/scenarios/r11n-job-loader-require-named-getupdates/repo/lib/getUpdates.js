const fetch = require('node-fetch');

module.exports = async (source) => {
  const response = await fetch(`https://forum.example.org/api/${source}/latest.json`);
  return response.json();
};
