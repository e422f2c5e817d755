module.exports = {
  apps: [
    {
      name: "guild-log",
      script: ".output/server/index.mjs",
      exec_mode: "cluster",
      instances: 1,
    },
  ],
};
