import { Startup } from "./startup";

const client = Startup.makeClient();
Startup.connect(client);
