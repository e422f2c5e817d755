import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", { start: "python bot.py" });
  const reminders = service("reminders", {
    start: "python reminders.py",
    deploy: { cronSchedule: "*/10 * * * *" },
  });
  return project("reminder-bot", { resources: [bot, reminders] });
});
