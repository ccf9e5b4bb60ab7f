import {emit} from "../loaders/emit.js";

emit("flags.json");
