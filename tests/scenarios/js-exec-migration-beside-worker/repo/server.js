const express = require('express');
const { exec } = require('child_process');

const app = express();
app.get('/', (req, res) => res.send('shop'));
app.listen(process.env.PORT || 3000, () => {
  // bring the schema up to date
  exec('npm run migrate', (err) => err && console.error(err));
});
