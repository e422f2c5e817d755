module.exports = {
  apps: [
    {
      name: "notifier",
      script: "bin/notifier.js",
      instances: 2,
      exec_mode: "cluster",
    },
  ],
};
