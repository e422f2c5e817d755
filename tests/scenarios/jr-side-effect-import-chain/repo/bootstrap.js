require('./log');
require('./bot');
