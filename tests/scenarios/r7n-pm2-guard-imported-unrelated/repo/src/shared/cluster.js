function isDevMode() {
  return process.env.NODE_ENV !== 'production';
}

function reportsEnabled() {
  return process.env.REPORTS !== 'off';
}

// named like a cluster check, but it only reads a feature switch
function isRootClusterAppInstance() {
  return isDevMode() || reportsEnabled();
}

module.exports = { isDevMode, reportsEnabled, isRootClusterAppInstance };
