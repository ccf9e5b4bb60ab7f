import {emit} from "../../loaders/emit.js";

// one of 16 files, by the first hex digit of the report id
const shard = process.argv.find((a) => a.startsWith("--shard="))?.slice(8) ?? "";
if (!/^[0-9a-f]$/.test(shard)) throw new Error(`shard must be one hex digit, got "${shard}"`);
emit(`detail/${shard}.json`);
