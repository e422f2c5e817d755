module.exports = {
  apps: [
    {
      name: "cryptosat-bot",
      script: "./start.sh",
      autorestart: true,
    },
  ],
};
