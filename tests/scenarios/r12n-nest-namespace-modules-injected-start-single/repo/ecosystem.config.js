module.exports = {
  apps: [{ name: "relay", script: "dist/main.js", exec_mode: "cluster", instances: 1 }],
};
