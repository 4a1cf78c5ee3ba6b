// Storage regions of the emulated VOD: the one an upload lands in when none is named, and the shape of a region
// name ("ap-guangzhou", "na-siliconvalley"); any such name is accepted, as if added in the console.
export const STORAGE_REGION = Object.freeze({
  default: "ap-guangzhou",
  pattern: /^[a-z]+(-[a-z0-9]+)+$/,
});
