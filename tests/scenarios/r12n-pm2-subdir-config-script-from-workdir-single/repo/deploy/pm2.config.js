module.exports = {
  apps: [
    {
      name: "notifier",
      script: "bin/notifier.js",
      instances: 1,
      exec_mode: "cluster",
    },
  ],
};
