// MediaBasicInfo (vod-reference §1.3, SDK MediaBasicInfo): the same object in NewFileUpload events and in
// DescribeMediaInfos, so a receiver and a reconciler see identical values.
import type { MediaRecord } from "../emulator-state.js";
import { isoSeconds } from "./iso-seconds.js";

const AUDIO_TYPES = new Set(["mp3", "m4a", "flac", "ogg", "wav", "amr", "aac", "wma"]);
const IMAGE_TYPES = new Set(["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic"]);
const NEVER_EXPIRES = "9999-12-31T23:59:59Z";

export function mediaBasicInfo(media: MediaRecord): Record<string, unknown> {
  const created = isoSeconds(media.createdAt);
  return {
    Name: media.name,
    Description: "",
    CreateTime: created,
    UpdateTime: created,
    ExpireTime: media.expireTime ?? NEVER_EXPIRES,
    ClassId: media.classId,
    ClassName: media.classId === 0 ? "其他" : `class-${media.classId}`,
    ClassPath: media.classId === 0 ? "其他" : `class-${media.classId}`,
    CoverUrl: media.coverUrl,
    Type: media.type,
    MediaUrl: media.mediaUrl,
    SourceInfo: { SourceType: "Upload", SourceContext: media.sourceContext },
    StorageRegion: media.storageRegion,
    StoragePath: media.storagePath,
    TagSet: [],
    Vid: "",
    Category: AUDIO_TYPES.has(media.type) ? "Audio" : IMAGE_TYPES.has(media.type) ? "Image" : "Video",
    Status: "Normal",
    StorageClass: "STANDARD",
  };
}
