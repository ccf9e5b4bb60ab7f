import {emit} from "../loaders/emit.js";

emit("triage.json");
