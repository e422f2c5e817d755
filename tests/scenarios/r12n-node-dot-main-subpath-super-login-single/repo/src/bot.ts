import { TableClient } from "#core/client";
import { banner } from "#core/util/banner";

const table = new TableClient();
banner();
await table.login();
