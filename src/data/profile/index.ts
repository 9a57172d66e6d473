export { profile, type ProfileOptions } from "./profile.js";
export type * from "./types.js";
