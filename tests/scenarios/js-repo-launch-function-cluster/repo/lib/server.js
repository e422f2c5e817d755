function start(app) {
  app.listen(process.env.PORT || 3000);
}
module.exports = { start };
