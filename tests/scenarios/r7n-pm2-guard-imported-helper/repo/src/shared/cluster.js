function isDevMode() {
  return process.env.NODE_ENV !== 'production';
}

// PM2 cluster index of this process (0 when not under PM2)
function getClusterAppInstance() {
  return +process.env.NODE_APP_INSTANCE || 0;
}

// cron jobs run only on the root instance of the cluster
function isRootClusterAppInstance() {
  return isDevMode() || getClusterAppInstance() === 0;
}

module.exports = { isDevMode, getClusterAppInstance, isRootClusterAppInstance };
