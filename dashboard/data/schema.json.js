import {emit} from "../loaders/emit.js";

emit("schema.json");
