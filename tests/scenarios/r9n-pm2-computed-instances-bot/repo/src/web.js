const express = require('express');

express().get('/', (req, res) => res.send('shop')).listen(process.env.PORT || 3000);
