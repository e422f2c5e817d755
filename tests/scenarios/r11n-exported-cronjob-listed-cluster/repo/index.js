const express = require('express');
const { startJobs } = require('./jobs');

const app = express();
app.get('/', (req, res) => res.send('judge up'));
app.listen(process.env.PORT || 4000);
startJobs();
