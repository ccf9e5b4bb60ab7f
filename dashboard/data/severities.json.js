import {emit} from "../loaders/emit.js";

emit("severities.json");
