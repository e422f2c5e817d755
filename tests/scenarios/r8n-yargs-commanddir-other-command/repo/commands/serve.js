const express = require('express');
const { makeBot } = require('../lib/bot');

exports.command = 'serve';
exports.describe = 'dashboard and bot';
exports.handler = () => {
  express().get('/', (req, res) => res.send('helpdesk')).listen(8080);
  makeBot().launch();
};
