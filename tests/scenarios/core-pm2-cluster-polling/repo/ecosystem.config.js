module.exports = {
  apps: [
    {
      name: "bot",
      script: "bot.js",
      instances: 2,
      exec_mode: "cluster",
    },
  ],
};
