import {emit} from "../loaders/emit.js";

emit("quality.json");
