export { buildProgram, main } from "./main.js";
export { Progress, formatSeconds } from "./progress.js";
export { EXIT_CODES, reportFailure } from "./exit.js";
