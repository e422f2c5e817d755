module.exports = {
  apps: [
    {
      name: "bot",
      script: "cd bot && python3 main.py",
    },
    {
      name: "bot-copy",
      script: "bot/main.py",
      interpreter: "python3",
    },
  ],
};
