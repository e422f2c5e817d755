module.exports = {
  apps: [{ name: "relay", script: "./bin/relay", interpreter: "none", instances: 1, exec_mode: "fork" }],
};
