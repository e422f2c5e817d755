const path = require("path");
const { spawn } = require("child_process");
const express = require("express");

const app = express();
app.get("/", (req, res) => res.send("ok"));
app.listen(process.env.PORT || 3000);

// keep the bot alive next to the dashboard
spawn(process.execPath, [path.join(__dirname, "bot.js")], { stdio: "inherit" });
