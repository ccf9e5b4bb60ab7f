import {emit} from "../loaders/emit.js";

emit("overview.json");
