require('./bootstrap');
console.log('started');
