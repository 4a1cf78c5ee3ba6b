// createVodClient: the official SDK client, aimed at Tencent Cloud by default or at a base URL such as the emulator.
import { createVodClient, TENCENT_VOD_HOST } from "../../src/vod/client.js";

const credentials = { secretId: "AKIDclientTest", secretKey: "clientTestKey", region: "ap-guangzhou" };

describe("createVodClient", () => {
  it("talks to vod.tencentcloudapi.com over https without an endpoint", () => {
    const client = createVodClient(credentials);
    expect(client.endpoint).toBe(TENCENT_VOD_HOST);
    expect(client.profile.httpProfile).toMatchObject({ protocol: "https://", reqTimeout: 60 });
    expect(client.apiVersion).toBe("2018-07-17");
  });

  it("derives host, port and scheme from an endpoint URL", () => {
    const client = createVodClient({ ...credentials, endpoint: "http://127.0.0.1:9090", timeoutSeconds: 10 });
    expect(client.endpoint).toBe("127.0.0.1:9090");
    expect(client.profile.httpProfile).toMatchObject({
      endpoint: "127.0.0.1:9090",
      protocol: "http://",
      reqTimeout: 10,
    });
    expect(client.profile.httpProfile!.agent).toBeDefined();
  });

  it("accepts a trailing slash", () => {
    expect(createVodClient({ ...credentials, endpoint: "http://localhost:9090/" }).endpoint).toBe("localhost:9090");
  });

  it.each(["http://127.0.0.1:9090/api", "ftp://127.0.0.1:9090", "127.0.0.1:9090", "http://127.0.0.1:9090?x=1"])(
    "refuses the endpoint %s",
    (endpoint) => {
      expect(() => createVodClient({ ...credentials, endpoint })).toThrow(/VOD endpoint|Invalid URL/);
    },
  );
});
