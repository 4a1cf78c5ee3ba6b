// Where notifications may go (issue 16 §4 and "Bad input"): the URL checks when an endpoint is saved, and the
// address rule both the save and every delivery apply. IP literals and `localhost` only: tests resolve no other name.
import { blockedAddressReason } from "../../src/notify/blocked-address-reason.js";
import { checkEndpointUrl } from "../../src/notify/check-endpoint-url.js";

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["10.1.2.3", /private/],
    ["172.20.0.1", /private/],
    ["192.168.1.1", /private/],
    ["100.64.0.1", /CGNAT/],
    ["169.254.169.254", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["::", /unspecified/],
    ["::1", /loopback/],
    ["fe80::1", /link-local/],
    ["fd00:ec2::254", /metadata/],
    ["::ffff:127.0.0.1", /loopback address 127\.0\.0\.1/],
    ["::ffff:a9fe:a9fe", /metadata/],
    ["64:ff9b::10.0.0.1", /private/],
    ["2002:c0a8:0101::1", /private/],
    ["224.0.0.1", /multicast/],
  ])("refuses %s", (ip, reason) => {
    expect(blockedAddressReason(ip)).toMatch(reason);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows the public %s", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
});

describe("checkEndpointUrl", () => {
  const production = { allowPrivate: false };
  const reasonOf = async (url: string, options = production) => {
    try {
      await checkEndpointUrl(url, options);
      return "accepted";
    } catch (error) {
      return (
        (error as { code: string; details: { reason: string } }).code +
        ":" +
        (error as { details: { reason: string } }).details.reason
      );
    }
  };

  it.each([
    ["not a url", "invalid_request:malformed"],
    ["ftp://93.184.215.14/hook", "invalid_request:scheme"],
    ["https://user:pw@93.184.215.14/hook", "invalid_request:credentials"],
    ["http://93.184.215.14/hook", "invalid_request:not_https"],
    ["https://127.0.0.1/hook", "invalid_request:private_address"],
    ["https://[::ffff:127.0.0.1]/hook", "invalid_request:private_address"],
    ["https://169.254.169.254/latest/meta-data", "invalid_request:private_address"],
    ["https://[fd00:ec2::254]/", "invalid_request:private_address"],
    ["https://localhost:4000/hook", "invalid_request:private_address"],
    ["https://93.184.215.14/hook", "accepted"],
  ])("in production answers %s with %s", async (url, expected) => {
    expect(await reasonOf(url)).toBe(expected);
  });

  it("allows plain http and private addresses with ALLOW_PRIVATE_ENDPOINTS, but never credentials", async () => {
    expect(await reasonOf("http://127.0.0.1:4000/hook", { allowPrivate: true })).toBe("accepted");
    expect(await reasonOf("http://u:p@127.0.0.1:4000/hook", { allowPrivate: true })).toBe(
      "invalid_request:credentials",
    );
  });
});
