const { Gateway } = require('./gateway');

// deploy step: publish the slash commands over REST, no gateway session
new Gateway().publishCommands([{ name: 'raid', description: 'plan a raid' }]).then(() => process.exit(0));
