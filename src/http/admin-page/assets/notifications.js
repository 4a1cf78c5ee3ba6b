// Notification messages and their delivery attempts on the admin page (issue 16 §3, §7): an endpoint's messages
// (GET /admin/endpoints/:id/messages) in the Notifications panel, and the ones an upload caused
// (GET /admin/notifications?uploadId=) on its card. Each message opens its attempts (HTTP status or error, latency,
// the first bytes of the answer) and can be resent; an endpoint's failed messages can be recovered since a time.
// `api` is admin.js's: api.get(path), api.send(method, path, body), paths relative to /admin/.
import { badge, button, dash, el, fill, hint, time } from "./dom.js";

const enc = encodeURIComponent;
const PAGE_SIZE = 25;
// After a test message or a resend, the list is read again every second while that message is pending, so the
// admin sees it delivered (or its first failure) without pressing Refresh; 15 s at most.
const FOLLOW_EVERY_MS = 1000;
const FOLLOW_TIMES = 15;
// Of the 2 KB of an answer the service keeps, what a table cell shows; the rest opens on demand.
const ANSWER_PREVIEW = 120;

/** An API error as one line, with the reason a refused URL names (details.reason: credentials, private_address…). */
export function errorText(error) {
  if (error?.status === undefined) return `network error: ${error?.message ?? error}`;
  const reason = typeof error.details?.reason === "string" ? ` (reason: ${error.details.reason})` : "";
  return `${error.code} (${error.status}): ${error.message}${reason}`;
}

function showNotice(notice, text, isError = false) {
  notice.textContent = text;
  notice.classList.toggle("error", isError);
  notice.hidden = false;
}

/** One endpoint's messages with a status filter, Refresh and Recover; follow(id) watches a message just queued. */
export function endpointMessages(api, endpoint, { openUpload }) {
  const status = el(
    "select",
    { "aria-label": "Message status" },
    ["", "pending", "delivered", "failed"].map((value) => el("option", { value }, value || "all")),
  );
  const since = el("input", { type: "datetime-local", step: 1, "aria-label": "Failed since" });
  const notice = el("p", { class: "list-notice", role: "status", hidden: true });
  const path = (cursor) =>
    `endpoints/${enc(endpoint.id)}/messages?limit=${PAGE_SIZE}` +
    `${status.value ? `&status=${enc(status.value)}` : ""}${cursor ? `&cursor=${enc(cursor)}` : ""}`;
  const list = messageList(api, { path, notice, openUpload, empty: "No message." });
  status.addEventListener("change", () => list.reload());
  const recover = button("Recover", async () => {
    if (!since.value) return showNotice(notice, "Recover: choose the time since which failed messages go back.", true);
    recover.disabled = true;
    try {
      // datetime-local is the browser's local time without a zone: Date reads it as local, toISOString says Z.
      const from = new Date(since.value).toISOString();
      const { recovered } = await api.send("POST", `endpoints/${enc(endpoint.id)}/recover`, { since: from });
      showNotice(
        notice,
        `Recover: ${recovered} failed message${recovered === 1 ? "" : "s"} since ${from} queued again.`,
      );
      await list.reload();
    } catch (error) {
      showNotice(notice, `Recover failed: ${errorText(error)}`, true);
    } finally {
      recover.disabled = false;
    }
  });
  const node = el(
    "div",
    { class: "endpoint-messages", "data-endpoint-id": endpoint.id },
    el("h3", {}, "Messages to ", el("code", {}, endpoint.url)),
    el(
      "div",
      { class: "toolbar" },
      el("label", { class: "inline" }, "Status ", status),
      button("Refresh", () => list.reload()),
      el("span", { class: "recover" }, el("label", { class: "inline" }, "Resend failed since ", since), recover),
    ),
    notice,
    list.node,
  );
  list.reload();
  return { node, endpointId: endpoint.id, reload: list.reload, follow: list.follow };
}

/** The card's list: what the app backend was told about this upload, with each endpoint's URL. */
export function uploadNotifications(api, uploadId) {
  const title = el("h3", {}, "Notifications");
  const notice = el("p", { class: "list-notice", role: "status", hidden: true });
  let endpoints = new Map();
  const path = (cursor) =>
    `notifications?uploadId=${enc(uploadId)}&limit=${PAGE_SIZE}${cursor ? `&cursor=${enc(cursor)}` : ""}`;
  const list = messageList(api, {
    path,
    notice,
    endpointOf: (id) => endpoints.get(id),
    empty: "None: no enabled endpoint wanted a change of this upload.",
    onFirstPage: (page) => {
      title.textContent = `Notifications (${page.items.length}${page.nextCursor ? "+" : ""})`;
    },
  });
  const load = async () => {
    try {
      const { items } = await api.get("endpoints");
      endpoints = new Map(items.map((endpoint) => [endpoint.id, endpoint]));
    } catch {
      // The messages still show, under their endpoint ids; the list's own call reports what is wrong.
    }
    await list.reload();
  };
  load();
  return el(
    "div",
    { class: "upload-notifications", "aria-label": "Notifications" },
    el("div", { class: "subhead" }, title, button("Refresh", load)),
    notice,
    list.node,
  );
}

/** A keyset-paged table of messages. endpointOf: show an Endpoint column; openUpload: an Upload column. */
function messageList(api, { path, notice, endpointOf, openUpload, onFirstPage, empty }) {
  const node = el("div", { class: "message-list" }, hint("Loading…"));
  let following = 0; // bumped by every follow: an older loop stops when a newer one starts

  async function reload() {
    try {
      const page = await api.get(path());
      onFirstPage?.(page);
      const body = el("tbody", {});
      append(body, page.items);
      fill(
        node,
        page.items.length
          ? el("div", { class: "table-scroll" }, el("table", { class: "messages" }, header(), body))
          : hint(empty),
        page.nextCursor ? more(page.nextCursor, body) : null,
      );
      return page.items;
    } catch (error) {
      fill(node, el("p", { class: "error" }, `Could not list the messages: ${errorText(error)}`));
      return [];
    }
  }

  async function follow(id) {
    const mine = ++following;
    for (let i = 0; i < FOLLOW_TIMES && mine === following && node.isConnected; i += 1) {
      const message = (await reload()).find((item) => item.id === id);
      if (message?.status !== "pending") return;
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
    }
  }

  const columns = [
    "Message",
    "Type",
    endpointOf ? "Endpoint" : null,
    openUpload ? "Upload" : null,
    "Status",
    "Attempts",
    "Last answer",
    "Created",
    "",
  ].filter((column) => column !== null);
  const header = () =>
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        columns.map((column) => el("th", {}, column)),
      ),
    );

  function append(body, items) {
    for (const message of items) body.append(...messageRows(message));
  }

  function messageRows(message) {
    const attempts = el("tr", { class: "attempts-row", hidden: true }, el("td", { colspan: columns.length }));
    const toggle = button("Attempts", () => toggleAttempts(api, message, toggle, attempts), {
      "aria-expanded": "false",
    });
    const resend = button("Resend", async () => {
      resend.disabled = true;
      try {
        await api.send("POST", `notifications/${enc(message.id)}/resend`);
        showNotice(notice, `${message.webhookId} queued again, with the same webhook-id.`);
        await follow(message.id);
      } catch (error) {
        showNotice(notice, `Resend of ${message.webhookId} failed: ${errorText(error)}`, true);
      } finally {
        resend.disabled = false;
      }
    });
    const endpoint = endpointOf?.(message.endpointId);
    const row = el(
      "tr",
      { "data-message-id": message.id, "data-status": message.status },
      el("td", {}, el("code", {}, message.webhookId)),
      el("td", {}, message.eventType),
      endpointOf
        ? el("td", { class: "url" }, endpoint ? el("code", { title: endpoint.id }, endpoint.url) : message.endpointId)
        : null,
      openUpload
        ? el(
            "td",
            {},
            message.uploadId
              ? el(
                  "button",
                  { type: "button", class: "link", onclick: () => openUpload(message.uploadId) },
                  message.uploadId,
                )
              : dash(),
          )
        : null,
      el(
        "td",
        { class: "status" },
        badge("msg", message.status),
        message.status === "pending" ? el("div", { class: "hint" }, "next ", time(message.nextAttemptAt)) : null,
      ),
      el("td", { class: "num" }, message.attempts),
      el("td", { class: "last-answer" }, lastAnswer(message)),
      el("td", {}, time(message.createdAt)),
      el("td", { class: "row-actions" }, toggle, resend),
    );
    return [row, attempts];
  }

  function more(cursor, body) {
    const next = button("Load more", async () => {
      next.disabled = true;
      try {
        const page = await api.get(path(cursor));
        append(body, page.items);
        if (page.nextCursor) cursor = page.nextCursor;
        else next.remove();
      } catch (error) {
        next.replaceWith(el("p", { class: "error" }, errorText(error)));
      } finally {
        next.disabled = false;
      }
    });
    return next;
  }

  return { node, reload, follow };
}

const lastAnswer = (message) =>
  message.lastStatus !== null
    ? el("span", { class: message.lastStatus < 300 ? "http-ok" : "http-bad" }, `HTTP ${message.lastStatus}`)
    : message.lastError
      ? el("span", { class: "http-bad" }, message.lastError)
      : dash();

async function toggleAttempts(api, message, toggle, row) {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  row.hidden = !open;
  if (!open) return;
  const cell = row.firstChild;
  fill(cell, hint("Loading…"));
  try {
    // Read again at every opening: a message being retried gains attempts.
    const page = await api.get(`notifications/${enc(message.id)}/attempts?limit=50`);
    fill(
      cell,
      page.items.length
        ? el(
            "table",
            { class: "attempts" },
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                ["Time", "Outcome", "HTTP status or error", "Latency", "Answer (first bytes)"].map((h) =>
                  el("th", {}, h),
                ),
              ),
            ),
            el("tbody", {}, page.items.map(attemptRow)),
          )
        : hint("Not tried yet."),
      page.nextCursor ? hint("The 50 latest attempts.") : null,
    );
  } catch (error) {
    fill(cell, el("p", { class: "error" }, `Could not list the attempts: ${errorText(error)}`));
  }
}

function attemptRow(attempt) {
  return el(
    "tr",
    { "data-outcome": attempt.outcome },
    el("td", {}, time(attempt.createdAt)),
    el("td", {}, badge("attempt", attempt.outcome)),
    el(
      "td",
      {},
      attempt.httpStatus !== null ? `HTTP ${attempt.httpStatus}` : null,
      attempt.httpStatus !== null && attempt.error ? " · " : null,
      attempt.error ? el("span", { class: "http-bad" }, attempt.error) : null,
      attempt.httpStatus === null && !attempt.error ? dash() : null,
    ),
    el("td", { class: "num" }, `${attempt.latencyMs} ms`),
    el("td", { class: "answer-bytes" }, answerPreview(attempt.response)),
  );
}

function answerPreview(text) {
  if (!text) return dash();
  if (text.length <= ANSWER_PREVIEW) return el("code", {}, text);
  return el(
    "details",
    {},
    el("summary", {}, el("code", {}, `${text.slice(0, ANSWER_PREVIEW)}…`)),
    el("pre", { class: "payload" }, text),
  );
}
