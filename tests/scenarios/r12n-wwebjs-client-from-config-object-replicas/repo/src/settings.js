const { Client, LocalAuth } = require("whatsapp-web.js");

const browser = { headless: true, args: ["--no-sandbox"] };

module.exports = {
  greeting: "hello",
  client: new Client({ puppeteer: browser, authStrategy: new LocalAuth({ clientId: "front-desk" }) }),
};
