module.exports = { migrate: async () => {} };
