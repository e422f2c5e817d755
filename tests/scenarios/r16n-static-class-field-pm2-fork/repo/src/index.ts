import { Registry } from "./registry";

Registry.desk.start((ctx) => ctx.reply("hello"));
Registry.desk.launch();
process.once("SIGTERM", () => Registry.desk.stop("SIGTERM"));
