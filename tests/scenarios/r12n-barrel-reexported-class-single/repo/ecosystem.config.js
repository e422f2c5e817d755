module.exports = {
  apps: [{ name: "pinger", script: "build/main.js", exec_mode: "cluster", instances: 1 }],
};
