// A COS error answer: HTTP status plus an <Error><Code/><Message/></Error> body, which cos-nodejs-sdk-v5 turns
// into err.code / err.message. Codes are COS's own (AccessDenied, SignatureDoesNotMatch, NoSuchUpload, …).
export class CosError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CosError";
  }
}
