import { writeSync } from "node:fs";
import { openDatabase } from "../../db/client";

/**
 * Child process of the durability test: opens the embedded folder given as argument, commits
 * rows one by one and writes "ack <n>" to stdout after each acknowledged commit, so a tracer sees
 * the order of the flushes and the acknowledgements.
 */
const [dataDir, count] = process.argv.slice(2);
const database = await openDatabase({ kind: "embedded", dataDir: String(dataDir) });
await database.query("create table if not exists durability_probe (n integer primary key)");
for (let n = 1; n <= Number(count); n++) {
  await database.query("insert into durability_probe (n) values ($1)", [n]);
  writeSync(1, `ack ${n}\n`);
}
await database.close();
