// A seeded generator of hostile POST /callbacks/vod requests for the bad-input test: malformed, oversized, wrongly
// typed and wrongly signed, each labelled with its category and the answers it may get. Hand-written over
// seededRandom because it drives the service over HTTP, where shrinking buys little; the pure pipeline is covered
// by fast-check properties (test/unit/*-properties.test.ts), which shrink a failure to its smallest body.
import { createHash } from "node:crypto";
import {
  v3FileDeleted,
  v3NewFileUpload,
  v3Procedure,
  legacyNewFileUpload,
  legacyProcedure,
} from "../../support/vod-payloads.js";
import type { Random } from "./seeded-random.js";

export interface BadCallback {
  category: string;
  /** Path and query, e.g. /callbacks/vod?token=… */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Valid token and signature: the service may store it (as applied, ignored or invalid). */
  authenticated: boolean;
  /** The answers this request may get: status and error code ("" = a 200 outcome). */
  allowed: Array<[number, string]>;
}

export interface CallbackSecrets {
  token: string;
  signKey: string;
}

type Json = Record<string, any>;
const MIB = 1024 * 1024;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const nowSeconds = () => Math.floor(Date.now() / 1000);

const STORED: Array<[number, string]> = [[200, ""]];
const UNAUTHENTICATED: Array<[number, string]> = [[401, "unauthenticated"]];
const NOT_JSON: Array<[number, string]> = [[400, "invalid_json"]];

const hostileStrings = [
  "' OR 1=1 --",
  '"; DROP TABLE "VodEvent"; --',
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "💥".repeat(100),
  "\u202e\u200b\ufeff",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "\\",
  "",
  " ",
  "null",
  "NaN",
  "-0",
  "1e309",
  "9".repeat(400),
];

export function badCallback(random: Random, index: number, secrets: CallbackSecrets): BadCallback {
  const category = random.weighted(CATEGORIES.map(([weight, name]) => [weight, name] as const));
  return GENERATORS[category](random, index, secrets);
}

const CATEGORIES: Array<[number, keyof typeof GENERATORS]> = [
  [6, "no token"],
  [6, "wrong token"],
  [2, "token in a header"],
  [2, "token twice"],
  [6, "no Sign/T"],
  [6, "wrong Sign"],
  [4, "Sign of another key"],
  [6, "expired T"],
  [5, "malformed Sign/T"],
  [8, "malformed JSON"],
  [2, "invalid UTF-8"],
  [5, "not an object"],
  [24, "wrongly typed fields"],
  [6, "hostile keys"],
  [4, "deep nesting outside the schema"],
  [0.5, "deep nesting inside MediaBasicInfo"],
  [1, "oversized"],
  [6.5, "odd content type or encoding"],
];

const GENERATORS = {
  "no token": (r: Random, i: number, s: CallbackSecrets) =>
    unauth("no token", "/callbacks/vod", signed(r, event(r, i, "unauth"), s)),
  "wrong token": (r: Random, i: number, s: CallbackSecrets) =>
    unauth("wrong token", `/callbacks/vod?token=${wrongToken(r, s)}`, signed(r, event(r, i, "unauth"), s)),
  "token in a header": (r: Random, i: number, s: CallbackSecrets) => ({
    ...unauth("token in a header", "/callbacks/vod", signed(r, event(r, i, "unauth"), s)),
    headers: { "content-type": "application/json", authorization: `Bearer ${s.token}`, token: s.token },
  }),
  "token twice": (r: Random, i: number, s: CallbackSecrets) =>
    unauth("token twice", `/callbacks/vod?token=${s.token}&token=${s.token}`, signed(r, event(r, i, "unauth"), s)),
  "no Sign/T": (r: Random, i: number, s: CallbackSecrets) => unauth("no Sign/T", tokenPath(s), event(r, i, "unauth")),
  "wrong Sign": (r: Random, i: number, s: CallbackSecrets) => {
    const t = nowSeconds() + r.int(1, 600);
    const sign = r.chance(0.5) ? hex(r, 32) : md5(`${s.signKey}${t + 1}`);
    return unauth("wrong Sign", tokenPath(s), { ...event(r, i, "unauth"), Sign: sign, T: t });
  },
  "Sign of another key": (r: Random, i: number, s: CallbackSecrets) => {
    const t = nowSeconds() + 600;
    return unauth("Sign of another key", tokenPath(s), {
      ...event(r, i, "unauth"),
      Sign: md5(`${s.signKey}x${t}`),
      T: t,
    });
  },
  "expired T": (r: Random, i: number, s: CallbackSecrets) => {
    const t = nowSeconds() - r.int(1, 10_000_000);
    return {
      ...unauth("expired T", tokenPath(s), {
        ...event(r, i, "unauth"),
        Sign: md5(`${s.signKey}${t}`),
        T: r.chance(0.5) ? t : String(t),
      }),
      allowed: [[401, "signature_expired"]] as Array<[number, string]>,
    };
  },
  "malformed Sign/T": (r: Random, i: number, s: CallbackSecrets) => {
    const t = nowSeconds() + 600;
    const fields = r.pick<Json>([
      { Sign: md5(`${s.signKey}${t}`), T: `${t}.5` },
      { Sign: md5(`${s.signKey}${t}`), T: -t },
      { Sign: md5(`${s.signKey}${t}`), T: [t] },
      { Sign: md5(`${s.signKey}${t}`).toUpperCase() + "0", T: t },
      { Sign: 12345, T: t },
      { Sign: null, T: t },
      { Sign: md5(`${s.signKey}${t}`), T: "1e12" },
      { Sign: md5(`${s.signKey}${t}`), T: "9".repeat(30) },
      { Sign: r.pick(hostileStrings), T: r.pick(hostileStrings) },
      { sign: "z".repeat(32), t },
      { Sign: md5(`${s.signKey}${t}`) },
    ]);
    return unauth("malformed Sign/T", tokenPath(s), { ...event(r, i, "unauth"), ...fields });
  },
  "malformed JSON": (r: Random, i: number, s: CallbackSecrets) => {
    const valid = JSON.stringify(event(r, i, "auth"));
    const text = r.pick<() => string | Buffer>([
      () => valid.slice(0, r.int(0, valid.length - 1)),
      () => `${valid}${r.pick(["x", "}", ",", " {}", "\u0000"])}`,
      () => valid.replace(/"/g, "'"),
      () => valid.replace(/:/, ': NaN, "x":'),
      () => `/* comment */${valid}`,
      () => Buffer.from(Array.from({ length: r.int(1, 4000) }, () => r.int(0, 255))),

      () => "",
      () => "   \n\t",
      () => "\ufeff\ufeff{}",
      () => '{"a":1}{"b":2}',
      () => "{".repeat(r.int(1, 200_000)),
    ])();
    return auth(
      "malformed JSON",
      sign(s, nowSeconds() + 600),
      Buffer.isBuffer(text) ? text : Buffer.from(text),
      NOT_JSON,
    );
  },
  // Invalid UTF-8 is decoded as U+FFFD: inside a string the body is still JSON (stored), elsewhere it is not.
  "invalid UTF-8": (r: Random, i: number, s: CallbackSecrets) => {
    const valid = JSON.stringify(event(r, i, "auth"));
    const at = r.int(0, valid.length);
    const bad = Buffer.from(
      r.pick([
        [0xc3, 0x28],
        [0xa0, 0xa1],
        [0xff, 0xfe],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
      ]),
    );
    const body = Buffer.concat([Buffer.from(valid.slice(0, at)), bad, Buffer.from(valid.slice(at))]);
    return auth("invalid UTF-8", sign(s, nowSeconds() + 600), body, [...NOT_JSON, ...STORED]);
  },
  "not an object": (r: Random, _i: number, s: CallbackSecrets) => {
    const text = r.pick<() => string>([
      () => "[]",
      () => '[{"EventType":"NewFileUpload"}]',
      () => "null",
      () => "true",
      () => String(r.int(-1e9, 1e9)),
      () => JSON.stringify(r.pick(hostileStrings)),
      () => "[".repeat(50_000) + "]".repeat(50_000),
      () => "1e999",
    ])();
    return auth("not an object", sign(s, nowSeconds() + 600), Buffer.from(text), NOT_JSON);
  },
  "wrongly typed fields": (r: Random, i: number, s: CallbackSecrets) => {
    const body = event(r, i, "auth");
    for (let n = r.int(1, 4); n > 0; n -= 1) mutate(r, body);
    return authSigned(r, "wrongly typed fields", s, body);
  },
  "hostile keys": (r: Random, i: number, s: CallbackSecrets) => {
    const body = event(r, i, "auth");
    const text = JSON.stringify(body).replace(
      /^\{/,
      `{${r.pick([
        () => `"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},`,
        () => `"a\\u0000b":1,"\\ud800":2,`,
        () => `"${"k".repeat(r.int(1000, 50_000))}":1,`,
        () => Array.from({ length: r.int(100, 5000) }, (_, k) => `"k${k}":${k}`).join(",") + ",",
        () => `"EventType":"duplicate key first",`,
      ])()}`,
    );
    return auth("hostile keys", sign(s, nowSeconds() + 600), Buffer.from(text), STORED);
  },
  "deep nesting outside the schema": (r: Random, i: number, s: CallbackSecrets) => {
    const depth = r.pick([500, 1_001, 5_000, 20_000, 200_000]);
    const body = JSON.stringify(event(r, i, "auth")).replace(
      /^\{/,
      `{"Extra":${"[".repeat(depth)}${"]".repeat(depth)},`,
    );
    return auth("deep nesting outside the schema", sign(s, nowSeconds() + 600), Buffer.from(body), STORED);
  },
  // Members of MediaBasicInfo that have no column are copied into Upload.metadata as sent (normalise-new-file-upload-v3.ts).
  "deep nesting inside MediaBasicInfo": (r: Random, i: number, s: CallbackSecrets) => {
    const depth = r.pick([5_000, 20_000, 100_000]);
    const body = v3NewFileUpload(fileIdFor(i));
    const text = JSON.stringify(body).replace(
      '"MediaBasicInfo":{',
      `"MediaBasicInfo":{"Description":${"[".repeat(depth)}${"]".repeat(depth)},`,
    );
    return auth("deep nesting inside MediaBasicInfo", sign(s, nowSeconds() + 600), Buffer.from(text), STORED);
  },
  oversized: (r: Random, i: number, s: CallbackSecrets) => {
    const body = event(r, i, "auth");
    const padding = "x".repeat(MIB + r.int(1, 64 * 1024));
    const text = JSON.stringify({ ...body, Padding: padding });
    return auth("oversized", sign(s, nowSeconds() + 600), Buffer.from(text), [[413, "payload_too_large"]]);
  },
  "odd content type or encoding": (r: Random, i: number, s: CallbackSecrets) => {
    const body = Buffer.from(JSON.stringify(event(r, i, "auth")));
    const [headers, allowed] = r.pick<[Record<string, string>, Array<[number, string]>]>([
      [{ "content-type": "text/plain" }, STORED],
      [{ "content-type": "application/x-www-form-urlencoded" }, STORED],
      [
        { "content-type": "application/json; charset=utf-16" },
        [...STORED, [400, "invalid_request"], [415, "invalid_request"]],
      ],
      [{ "content-type": "multipart/form-data; boundary=x" }, STORED],
      [{}, STORED],
      [
        { "content-type": "application/json", "content-encoding": "gzip" },
        [
          [400, "invalid_request"],
          [400, "invalid_json"],
          [415, "invalid_request"],
        ],
      ],
      [
        { "content-type": "application/json", "content-encoding": "br" },
        [
          [400, "invalid_request"],
          [400, "invalid_json"],
          [415, "invalid_request"],
        ],
      ],
      [
        { "content-type": "application/json", "content-encoding": "x-unknown" },
        [
          [400, "invalid_request"],
          [415, "invalid_request"],
        ],
      ],
    ]);
    return {
      category: "odd content type or encoding",
      path: sign(s, nowSeconds() + 600),
      headers,
      body,
      authenticated: true,
      allowed,
    };
  },
};

function event(r: Random, i: number, kind: "auth" | "unauth"): Json {
  const fileId = fileIdFor(i);
  const body = r.pick<() => Json>([
    () => v3NewFileUpload(fileId),
    () => v3Procedure(fileId, r.pick(["success", "failed", "processing"] as const)),
    () => v3FileDeleted(fileId),
    () => legacyNewFileUpload(fileId),
    () => legacyProcedure(fileId),
    () => ({ EventType: r.pick(["PersistenceComplete", "WechatPublishComplete", "Unknown"]), Probe: i }),
  ])();
  // Unique per request, so a stored row can be traced to the request that sent it.
  return { ...body, ...(kind === "unauth" ? { Unauthenticated: i } : { Probe: i }) };
}

const fileIdFor = (i: number) => `6${String(i).padStart(12, "0")}`;

function mutate(r: Random, body: Json): void {
  const paths: Array<[Json, string]> = [];
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== "object" || depth > 4) return;
    for (const key of Object.keys(node)) {
      paths.push([node, key]);
      walk((node as Json)[key], depth + 1);
    }
  };
  walk(body, 0);
  if (paths.length === 0) return; // earlier mutations removed everything
  const [parent, key] = r.pick(paths);
  parent[key] = r.pick<() => unknown>([
    () => undefined,
    () => null,
    () => r.int(-2_147_483_649, 2_147_483_649),
    () => 1e308,
    () => -1e-308,
    () => 2 ** 64,
    () => r.chance(0.5),
    () => [],
    () => [null, 1, "x"],
    () => ({}),
    () => ({ nested: { deeper: [1, { x: "y" }] } }),
    () => r.pick(hostileStrings),
    () => "x".repeat(r.int(1_000, 100_000)),
    () => String(r.int(0, 1e9)),
    () => "2024-13-45T25:61:61Z",
    () => "0000-01-01T00:00:00Z",
    () => "275760-09-13T00:00:00Z",
    () => "-271821-04-20T00:00:00Z",
    // A real FileId sent as a JSON number, rounded as JSON.parse rounds it (a literal would hide the rounding).
    () => "5285890784273533167",
    () => Number("5285890784273533167"),
    () => "FINISH",
    () => "PROCESSING",
    () => "FAIL",
  ])();
  if (parent[key] === undefined) delete parent[key];
}

/** Already percent-encoded for the query string; some on purpose not decodable (%ED%A0%80 is a lone surrogate). */
function wrongToken(r: Random, s: CallbackSecrets): string {
  const encode = (text: string) => encodeURIComponent(text.toWellFormed());
  return r.pick<() => string>([
    () => "",
    () => `${s.token}x`,
    () => s.token.slice(0, -1),
    () => s.token.toUpperCase(),
    () => encode(` ${s.token}`),
    () => hex(r, r.int(1, 64)),
    () => encode(r.pick(hostileStrings)),
    () => "t".repeat(r.int(1000, 6000)),
    () => `${s.token}%00`,
    () => `${s.token}%ED%A0%80`,
    () => "%FF",
    () => "%",
    () => `${s.token}%zz`,
  ])();
}

function hex(r: Random, length: number): string {
  return Array.from({ length }, () => "0123456789abcdef"[r.int(0, 15)]).join("");
}

function tokenPath(s: CallbackSecrets): string {
  return `/callbacks/vod?token=${s.token}`;
}

/** Token plus Sign/T in the query string (for bodies that cannot carry them). */
function sign(s: CallbackSecrets, t: number): string {
  return `${tokenPath(s)}&Sign=${md5(`${s.signKey}${t}`)}&T=${t}`;
}

function signed(r: Random, body: Json, s: CallbackSecrets): Json {
  const t = nowSeconds() + r.int(60, 600);
  return { ...body, Sign: md5(`${s.signKey}${t}`), T: t };
}

function authSigned(r: Random, category: string, s: CallbackSecrets, body: Json): BadCallback {
  const where = r.int(0, 2);
  const t = nowSeconds() + 600;
  if (where === 0)
    return auth(
      category,
      tokenPath(s),
      Buffer.from(JSON.stringify({ ...body, Sign: md5(`${s.signKey}${t}`), T: t })),
      STORED,
    );
  if (where === 1) return auth(category, sign(s, t), Buffer.from(JSON.stringify(body)), STORED);
  return {
    ...auth(category, tokenPath(s), Buffer.from(JSON.stringify(body)), STORED),
    headers: { "content-type": "application/json", sign: md5(`${s.signKey}${t}`), t: String(t) },
  };
}

function unauth(category: string, path: string, body: Json): BadCallback {
  return {
    category,
    path,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(body)),
    authenticated: false,
    allowed: UNAUTHENTICATED,
  };
}

function auth(category: string, path: string, body: Buffer, allowed: Array<[number, string]>): BadCallback {
  return { category, path, headers: { "content-type": "application/json" }, body, authenticated: true, allowed };
}
