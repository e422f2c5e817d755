const Shell = require("./shell");

const shell = new Shell();
shell.gateway.once("ready", () => console.log("ready"));
shell.gateway.login(process.env.DISCORD_TOKEN);
