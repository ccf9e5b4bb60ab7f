import {emit} from "../loaders/emit.js";

emit("rules.json");
