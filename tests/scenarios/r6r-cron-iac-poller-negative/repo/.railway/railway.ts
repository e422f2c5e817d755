import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const bot = service("bot", { start: "python bot.py", deploy: { overlapSeconds: 0 } });
  const reminders = service("reminders", {
    start: "python reminders.py",
    replicas: 2,
    deploy: { cronSchedule: "*/10 * * * *", overlapSeconds: 60 },
  });
  return project("reminder-bot", { resources: [bot, reminders] });
});
