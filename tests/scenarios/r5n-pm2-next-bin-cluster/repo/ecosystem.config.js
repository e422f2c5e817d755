module.exports = {
  apps: [
    {
      name: "portal",
      script: "node_modules/next/dist/bin/next",
      args: "start -p 3000",
      instances: "max",
      exec_mode: "cluster",
    },
  ],
};
