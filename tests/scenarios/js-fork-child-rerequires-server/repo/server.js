const express = require('express');
const { fork } = require('child_process');
const bot = require('./bot');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);

bot.launch();
// offload the image resizing to a child process
fork('./jobs/resize.js');
