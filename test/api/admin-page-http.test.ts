// How the admin page is served (no browser needed): the page and its two assets answer without a token, under a
// strict CSP; every admin API route behind them still answers 401 without one.
import { readdirSync, readFileSync } from "node:fs";
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("GET /admin/", () => {
  test("serves the page without a token, under a CSP that allows same-origin resources only", async () => {
    const response = await request(t.app).get("/admin/");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = response.headers["content-security-policy"];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-|\*|data:/);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    // Every script is a same-origin file; no inline script, handler or style attribute.
    expect(response.text.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="admin.js">']);
    expect(response.text).not.toMatch(/\son[a-z]+=|\sstyle=|<style/i);
  });

  test("answers HEAD like GET, without a body", async () => {
    const response = await request(t.app).head("/admin/");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  test("redirects /admin to /admin/, relatively, so a proxy prefix is kept", async () => {
    const response = await request(t.app).get("/admin");
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe("admin/");
  });

  test("serves its script and stylesheet with their types", async () => {
    const script = await request(t.app).get("/admin/admin.js");
    expect([script.status, script.headers["content-type"]]).toEqual([200, "text/javascript; charset=utf-8"]);
    const styles = await request(t.app).get("/admin/admin.css");
    expect([styles.status, styles.headers["content-type"]]).toEqual([200, "text/css; charset=utf-8"]);
  });

  test("every script of the page puts data on the page as text only", () => {
    const assets = new URL("../../src/http/admin-page/assets/", import.meta.url);
    const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
    expect(scripts).toEqual(expect.arrayContaining(["admin.js", "endpoints.js", "notifications.js"]));
    for (const name of scripts) {
      const script = readFileSync(new URL(name, assets), "utf8");
      expect([name, script]).not.toEqual([
        name,
        expect.stringMatching(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/),
      ]);
    }
  });
});

describe("the admin API next to the page", () => {
  test.each([
    ["get", "/admin/stats"],
    ["get", "/admin/events"],
    ["get", "/admin/events?outcome=invalid"],
    ["get", "/admin/events/1"],
    ["get", "/admin/uploads/5285890784273533167/events"],
    ["post", "/admin/events/1/replay"],
    ["post", "/admin/uploads/5285890784273533167/reconcile"],
    ["post", "/admin/"],
    ["get", "/admin/index.html"],
    ["get", "/admin/admin.js/../stats"],
    ["get", "/ADMIN/stats"],
  ] as const)("still answers %s %s with 401 without a token", async (method, path) => {
    const response = await request(t.app)[method](path);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });

  test("still answers the admin token", async () => {
    const response = await request(t.app).get("/admin/stats").set("Authorization", `Bearer ${t.adminToken}`);
    expect(response.status).toBe(200);
    expect(response.body.uploads.total).toBe(0);
  });
});
