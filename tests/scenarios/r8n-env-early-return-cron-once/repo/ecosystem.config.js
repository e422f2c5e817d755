module.exports = {
  apps: [
    { name: 'web', script: 'src/server.js', instances: 4, exec_mode: 'cluster', env: { RUN_JOBS: 'no' } },
    { name: 'jobs', script: 'src/server.js', instances: 1, env: { RUN_JOBS: 'yes', PORT: '3100' } },
  ],
};
