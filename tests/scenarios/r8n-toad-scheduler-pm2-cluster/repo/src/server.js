const express = require('express');
const { startJobs } = require('./jobs');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000, () => startJobs());
