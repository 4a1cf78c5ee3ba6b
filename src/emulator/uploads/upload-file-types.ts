// File types VOD accepts for uploads (ApplyUpload's MediaType / CoverType, and videoType / coverType of the
// client upload), from the ApplyUpload API doc (vod-reference §6.1). Lower case; callers lower-case first.
export const UPLOAD_FILE_TYPES = Object.freeze({
  media: new Set(
    (
      "wmv rm mov mpeg mp4 3gp flv avi rmvb ts asf mpg webm mkv m3u8 mpd wm asx ram mpe vob dat mp4v m4v f4v mxf qt " +
      "ogg mp3 m4a flac wav amr aac wma jpg jpeg png gif bmp tif tiff webp heic"
    ).split(" "),
  ),
  cover: new Set(["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"]),
});
