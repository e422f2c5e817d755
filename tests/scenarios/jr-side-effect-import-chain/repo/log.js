module.exports = (msg) => console.log(new Date().toISOString(), msg);
