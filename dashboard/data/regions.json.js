import {emit} from "../loaders/emit.js";

emit("regions.json");
