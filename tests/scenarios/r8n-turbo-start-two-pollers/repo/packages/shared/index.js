module.exports = { greeting: 'Welcome to the club' };
