const db = require('../db');
db.migrate().then(() => process.exit(0));
