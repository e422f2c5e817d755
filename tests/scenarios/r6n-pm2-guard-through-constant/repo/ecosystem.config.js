module.exports = {
  apps: [
    {
      name: "billing-api",
      script: "src/server.js",
      instances: 4,
      exec_mode: "cluster",
      env: { NODE_ENV: "production" },
    },
  ],
};
