module.exports = {
  apps: [{ name: "relay", script: "./bin/relay", interpreter: "none", instances: 2, exec_mode: "fork" }],
};
