module.exports = {
  apps: [{ name: "bot", script: "./start.sh", interpreter: "bash" }],
};
