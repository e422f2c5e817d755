const { loadSettings } = require('./settings');

;(async () => {
  try {
    const settings = await loadSettings();
    console.log('registering commands with prefix', settings.prefix);
  } catch (error) {
    console.error(error);
  } finally {
    process.exit();
  }
})();
