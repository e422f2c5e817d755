require('./log');
