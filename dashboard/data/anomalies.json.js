import {emit} from "../loaders/emit.js";

emit("anomalies.json");
