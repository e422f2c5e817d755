const { createApp } = require('./app');

const app = createApp();
app.start();
