module.exports = {
  apps: [
    {
      name: "bot",
      script: "bot.js",
      env_production: {
        NODE_ENV: "production",
        BOT_TOKEN: "8035864354:AAGTd7FguoV8FWnFbB0JxXujr4qqaaABvvL",
      },
      env_development: {
        NODE_ENV: "development",
        BOT_TOKEN: "8035864354:AAGTd7FguoV8FWnFbB0JxXujr4qqaaABvvL",
      },
    },
  ],
};
