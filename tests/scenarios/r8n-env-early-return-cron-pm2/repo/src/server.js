const express = require('express');
const { startJobs } = require('./jobs');

startJobs();
express().get('/', (req, res) => res.send('reminders')).listen(process.env.PORT || 3000);
