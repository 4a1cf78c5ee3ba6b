// What VOD accepts in a PullUpload, checked before the call by the route (POST /v1/uploads/pull) and the CLI
// (`upload --from-url`), so a bad value is a 400 naming the field instead of a VOD error after a round trip.
// Sources: SDK PullUploadRequest (tencentcloud-sdk-nodejs vod_models): SourceContext "最长 250 个字符",
// SessionContext "最长 1000 个字符", SessionId "最长 50 个字符"; MediaUrl must be reachable by VOD, so http(s).
// VOD documents no length limit for MediaUrl: 2048 is our choice [INFERRED] — the length most HTTP servers, CDNs
// and browsers handle — and the emulator refuses longer ones with InvalidParameterValue.MediaUrl.
export const PULL_UPLOAD_LIMITS = Object.freeze({
  mediaUrlMaxLength: 2048,
  sourceContextMaxLength: 250,
  sessionContextMaxLength: 1000,
  sessionIdMaxLength: 50,
});

/** Why VOD could not pull `url`, or null when it is an absolute http(s) URL within the limits. */
export function mediaUrlProblem(url: string): string | null {
  if (url.length > PULL_UPLOAD_LIMITS.mediaUrlMaxLength) {
    return `must be at most ${PULL_UPLOAD_LIMITS.mediaUrlMaxLength} characters`;
  }
  if ([...url].some(isControlOrSpace)) {
    return "must not contain control characters or spaces (percent-encode them)";
  }
  if (!/^https?:\/\//i.test(url)) return "must be an http:// or https:// URL";
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) return "must name a host";
  } catch {
    return "must be a valid URL";
  }
  return null;
}

/** C0 and C1 controls, DEL, and the spaces a URL must percent-encode. */
function isControlOrSpace(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code <= 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0x2028 || code === 0x2029;
}
