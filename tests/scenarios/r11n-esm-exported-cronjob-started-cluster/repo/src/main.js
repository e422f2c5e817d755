import refreshRates from './jobs/refresh-rates.js';

refreshRates.start();
console.log('rates-sync running');
