// `npm start` entry: the same as `vod-tracker serve`.
import "./cli.js";
