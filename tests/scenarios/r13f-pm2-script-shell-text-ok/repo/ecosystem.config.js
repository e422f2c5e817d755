module.exports = {
  apps: [
    {
      name: "bot",
      script: "cd bot && . ../venv/bin/activate && python3 main.py",
    },
  ],
};
