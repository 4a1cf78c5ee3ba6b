// The admin page's main script (served by src/http/admin-page/admin-page.ts with its modules, no build step).
// Every value from the API reaches the page as text (dom.js: no HTML string is ever parsed), and the page's CSP
// forbids inline script besides. API paths are relative to the page (/admin/), so a proxy that adds a path prefix
// needs no change here.
import { $, badge, button, dash, el, fill, hint, link, thumbnail, time } from "./dom.js";
import { forgetSecret, initEndpoints, loadEndpoints } from "./endpoints.js";
import { uploadNotifications } from "./notifications.js";
import { outputsSection, readyBadges } from "./outputs.js";
import { stopPlayer } from "./player.js";
import { pullChip, pullSection, reviewBadge, reviewSection } from "./review.js";
import { taskFlows } from "./tasks.js";

const TOKEN_KEY = "vod-upload-tracker.admin-token";
// Two to a row; the long ones (URLs, task ids) a row each, then metadata folded.
const UPLOAD_FIELDS = [
  "id",
  "fileId",
  "name",
  "mediaType",
  "sourceType",
  "sourceContext",
  "procedure",
  "procedureStatus",
  "procedureErrCode",
  "procedureMessage",
  "sessionId",
  "storageRegion",
  "subAppId",
  "createdAt",
  "updatedAt",
  "uploadedAt",
  "processedAt",
  "deletedAt",
];
const WIDE_FIELDS = ["procedureTaskId", "sessionContext", "mediaUrl", "coverUrl"];
const enc = encodeURIComponent;

// ---- API ------------------------------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function call(method, path, { token = sessionStorage.getItem(TOKEN_KEY), body: sent } = {}) {
  const response = await fetch(new URL(path, document.baseURI), {
    method,
    cache: "no-store",
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      ...(sent === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
  });
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  // The stored token was revoked (ADMIN_TOKENS rotated) while the page was open.
  if (response.status === 401 && token === sessionStorage.getItem(TOKEN_KEY))
    signOut("The token is no longer accepted: sign in again.");
  throw new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? response.statusText,
    body?.error?.details,
  );
}
const get = (path, token) => call("GET", path, { token });
const post = (path) => call("POST", path);
// What the notification modules (endpoints.js, notifications.js) are given: the same calls, with a JSON body.
const api = { get: (path) => call("GET", path), send: (method, path, body) => call(method, path, { body }) };
const describeError = (error) =>
  error instanceof ApiError ? `${error.code} (${error.status}): ${error.message}` : `network error: ${error.message}`;

// ---- Text ------------------------------------------------------------------------------------------------------
function ago(seconds) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

function showNotice(panel, text, isError = false) {
  const notice = panel.querySelector(".notice");
  notice.textContent = text;
  notice.classList.toggle("error", isError);
  notice.hidden = false;
}

/** zod issues (a replay answer, or an invalid event's stored error) as one line. */
function issuesText(issues) {
  if (typeof issues === "string") {
    try {
      issues = JSON.parse(issues);
    } catch {
      return issues;
    }
  }
  if (!Array.isArray(issues)) return JSON.stringify(issues);
  return issues.map((issue) => `${(issue.path ?? []).join(".") || "(body)"}: ${issue.message}`).join("; ");
}

// ---- Sign in ----------------------------------------------------------------------------------------------------
function showSignIn(message) {
  $("workspace").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message ?? "";
  $("sign-in-error").hidden = !message;
  $("token").focus();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  forgetSecret();
  showSignIn(message);
}

async function signIn(token) {
  try {
    const stats = await get("stats", token);
    sessionStorage.setItem(TOKEN_KEY, token);
    $("token").value = "";
    $("sign-in").hidden = true;
    $("sign-out").hidden = false;
    $("workspace").hidden = false;
    renderStats(stats);
    await Promise.all([loadEvents(), loadModeration(), loadEndpoints()]);
  } catch (error) {
    if (error.status === 401) showSignIn("This token is not accepted (401 unauthenticated). Use one of ADMIN_TOKENS.");
    else if (error.status === 403)
      showSignIn("This is an app token (403 forbidden): the admin page needs one of ADMIN_TOKENS.");
    else showSignIn(`Could not sign in: ${describeError(error)}`);
  }
}

// ---- Stats ------------------------------------------------------------------------------------------------------
function renderStats(stats) {
  const tile = (n, label, kind) => el("div", { class: `tile ${kind}` }, el("strong", {}, n), el("span", {}, label));
  const outcomes = (counts) =>
    Object.entries(counts).map(([outcome, n]) =>
      el("span", { class: `count${outcome === "invalid" && n > 0 ? " alarm" : ""}` }, `${outcome} ${n}`),
    );
  fill(
    $("stats-body"),
    el(
      "div",
      { class: "tiles" },
      tile(stats.uploads.total, "uploads", "total"),
      Object.entries(stats.uploads.byStatus).map(([status, n]) => tile(n, status, `status-${status.toLowerCase()}`)),
    ),
    el(
      "dl",
      { class: "facts" },
      el("dt", {}, "Events, last hour"),
      el("dd", {}, outcomes(stats.events.lastHour)),
      el("dt", {}, "Events, last day"),
      el("dd", {}, outcomes(stats.events.lastDay)),
      el("dt", {}, "Last event"),
      el(
        "dd",
        {},
        stats.lastEventAt ? [`${ago(stats.secondsSinceLastEvent)} ago, `, time(stats.lastEventAt)] : "none yet",
      ),
      el("dt", {}, "Pull worker"),
      el(
        "dd",
        {},
        stats.pull
          ? `last pulled event ${ago(stats.pull.secondsSinceLastPull)} ago`
          : "no pulled event in the last day (push mode, or the worker is down)",
      ),
    ),
  );
}

async function refreshStats() {
  try {
    renderStats(await get("stats"));
  } catch (error) {
    fill($("stats-body"), el("p", { class: "error" }, describeError(error)));
  }
}

// ---- Search -----------------------------------------------------------------------------------------------------
// FileIds are long decimal strings; anything else (or a FileId we hold nothing about) is tried as a SourceContext
// and as a procedure task id.
const looksLikeRef = (query) => /^upl_/.test(query) || /^\d{5,}$/.test(query);

async function search(query) {
  const message = $("search-message");
  $("upload-card").hidden = true;
  stopPlayer();
  fill($("search-results"));
  message.textContent = "Searching…";
  try {
    if (looksLikeRef(query) && (await openUpload(query))) {
      message.textContent = "";
      return;
    }
    const lists = await Promise.all(
      [
        ["sourceContext", "SourceContext"],
        ["procedureTaskId", "Procedure task id"],
      ].map(async ([param, label]) => ({
        label,
        page: await get(`../v1/uploads?${param}=${enc(query)}&limit=50&include=outputs`),
      })),
    );
    const found = lists.filter(({ page }) => page.items.length > 0);
    message.textContent = found.length
      ? ""
      : `Nothing found for “${query}” as FileId, upl_ id, SourceContext or procedure task id.`;
    fill(
      $("search-results"),
      found.map(({ label, page }) => uploadTable(`${label} “${query}”`, page)),
    );
    // A FileId VOD knows but we never heard of is what a lost callback looks like: offer to ask VOD.
    if (!found.length && /^\d{5,}$/.test(query))
      renderCard(query, { upload: null, events: [], tasks: [], nextCursor: null });
  } catch (error) {
    message.textContent = `Search failed: ${describeError(error)}`;
  }
}

function uploadTable(title, page) {
  const open = (ref) =>
    openUpload(ref).catch((error) => {
      $("search-message").textContent = describeError(error);
    });
  const rows = page.items.map((upload) =>
    el(
      "tr",
      {},
      // The list asks for outputs (?include=outputs) for the cover thumbnail; the upload's own coverUrl otherwise.
      el("td", { class: "cover-cell" }, coverThumbnail(upload.outputs?.coverUrl ?? upload.coverUrl)),
      el(
        "td",
        {},
        el(
          "button",
          { type: "button", class: "link", onclick: () => open(upload.fileId ?? upload.id) },
          upload.fileId ?? upload.id,
        ),
      ),
      el("td", {}, badge("status", upload.status), pullChip(upload.pull)),
      el("td", {}, readyText(upload.ready)),
      el("td", {}, reviewBadge(upload.review)),
      el("td", {}, upload.sourceContext ?? dash()),
      el("td", {}, upload.name ?? dash()),
      el("td", {}, time(upload.updatedAt)),
    ),
  );
  const count = `${page.items.length}${page.nextCursor ? "+" : ""} upload${page.items.length === 1 ? "" : "s"}`;
  return el(
    "div",
    { class: "result" },
    el("h3", {}, `${title}: ${count}`),
    // A wide table scrolls inside its box, so a narrow screen never scrolls the whole page sideways.
    el(
      "div",
      { class: "table-scroll" },
      el(
        "table",
        {},
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            ["Cover", "FileId or id", "Status", "Ready", "Review", "SourceContext", "Name", "Updated"].map((h) =>
              el("th", {}, h),
            ),
          ),
        ),
        el("tbody", {}, rows),
      ),
    ),
    page.nextCursor ? hint("The 50 most recently updated are shown.") : null,
  );
}

const coverThumbnail = (url) => thumbnail(url, "cover", { loading: "lazy" }) ?? dash();
const readyText = (ready) =>
  !ready ? dash() : ready.complete ? "complete" : ready.playable ? "playable" : el("span", { class: "muted" }, "no");

// ---- Upload card ------------------------------------------------------------------------------------------------
/** Shows the card of an upload (FileId or upl_ id); false when the service holds nothing about ref. */
async function openUpload(ref, notice) {
  let data;
  try {
    data = await get(`uploads/${enc(ref)}/events`);
  } catch (error) {
    if (error.status !== 404) throw error;
    // A PENDING upload has no FileId yet, so no timeline: the upload alone, from the app API.
    try {
      data = { upload: await get(`../v1/uploads/${enc(ref)}`), events: [], tasks: [], nextCursor: null };
    } catch (inner) {
      if (inner.status === 404) return false;
      throw inner;
    }
  }
  renderCard(ref, data, notice);
  return true;
}

function renderCard(ref, { upload, events, tasks, nextCursor }, notice) {
  const card = $("upload-card");
  const key = upload?.fileId ?? upload?.id ?? ref;
  const reload = () => openUpload(key).catch((error) => showNotice(card, describeError(error), true));
  const timeline = el("ol", { class: "event-list" });
  appendEvents(timeline, events);
  const more = (cursor) =>
    get(`uploads/${enc(key)}/events?cursor=${enc(cursor)}`).then((page) => ({
      items: page.events,
      nextCursor: page.nextCursor,
    }));
  fill(
    card,
    el(
      "div",
      { class: "panel-head" },
      el(
        "h2",
        {},
        "Upload ",
        el("code", {}, key),
        upload ? badge("status", upload.status) : null,
        upload?.review ? reviewBadge(upload.review) : null,
      ),
      el(
        "div",
        { class: "actions" },
        button("Reconcile with VOD", () => reconcile(key, card)),
        button("Refresh", reload),
      ),
    ),
    el("p", { class: "notice", role: "status", hidden: true }),
    readyBadges(upload?.ready),
    // What VOD made of the file before the fields: it is what the card is opened for.
    outputsSection(upload?.outputs),
    reviewSection(upload?.review),
    pullSection(upload?.pull),
    upload
      ? [upload.outputs ? el("h3", {}, "Fields") : null, fieldList(upload)]
      : events.length
        ? hint("No upload row for this FileId: only the events below.")
        : hint(
            "The service holds nothing about this FileId. If VOD has it, its callbacks were lost: " +
              "Reconcile asks VOD (DescribeMediaInfos) and records what it finds.",
          ),
    taskFlows(tasks),
    // The notifications this upload caused (issue 16 §7), by its upl_ id: what the app backend was told.
    upload ? uploadNotifications(api, upload.id) : null,
    el("h3", {}, "Status history"),
    events.length ? timeline : hint("No event received for this upload."),
    nextCursor ? moreButton(nextCursor, more, (items) => appendEvents(timeline, items)) : null,
  );
  if (notice) showNotice(card, notice);
  card.hidden = false;
}

function fieldList(upload) {
  const field = (name, wide) => [
    el("dt", { class: wide ? "wide" : null }, name),
    el("dd", { class: wide ? "wide" : null }, fieldValue(name, upload[name])),
  ];
  const keys = Object.keys(upload.metadata ?? {});
  return [
    el(
      "dl",
      { class: "fields" },
      UPLOAD_FIELDS.map((name) => field(name, false)),
      WIDE_FIELDS.map((name) => field(name, true)),
      upload.derivedFrom?.length
        ? [
            el("dt", { class: "wide" }, "derivedFrom"),
            el(
              "dd",
              { class: "wide" },
              upload.derivedFrom.map((id, i) => [i ? ", " : null, openButton(id)]),
            ),
          ]
        : null,
    ),
    keys.length
      ? el(
          "details",
          { class: "metadata" },
          el("summary", {}, `metadata (${keys.join(", ")})`),
          el("pre", {}, JSON.stringify(upload.metadata, null, 2)),
        )
      : el("p", { class: "hint" }, "metadata: none"),
  ];
}

function fieldValue(name, value) {
  if (value === null || value === undefined || value === "") return dash();
  if (name.endsWith("At")) return time(value);
  // Only http(s) becomes a link (link()): a javascript: URL from a payload stays text.
  if (name.endsWith("Url")) return link(String(value));
  return String(value);
}

/** Opens an upload's card from another panel (a notification's upload) and brings it into view. */
const openCard = (ref) =>
  openUpload(ref).then((found) => {
    if (found) $("upload-card").scrollIntoView();
    return found;
  });

/** An edit or compose output's input FileId: opens that upload's card. */
const openButton = (fileId) =>
  el(
    "button",
    {
      type: "button",
      class: "link",
      onclick: () =>
        openUpload(fileId).then(
          (found) => found || showNotice($("upload-card"), `No upload or event for ${fileId}.`, true),
          (error) => showNotice($("upload-card"), describeError(error), true),
        ),
    },
    fileId,
  );

async function reconcile(ref, card) {
  showNotice(card, "Asking VOD…");
  try {
    const answer = await post(`uploads/${enc(ref)}/reconcile`);
    const text = reconcileText(answer);
    if (!(await openUpload(answer.after?.fileId ?? answer.after?.id ?? ref, text))) showNotice(card, text);
    await refreshStats();
  } catch (error) {
    showNotice(card, `Reconcile failed: ${describeError(error)}`, true);
  }
}

function reconcileText(answer) {
  const { before, after, vod, events } = answer;
  const status =
    before?.status === after?.status
      ? `status ${after?.status ?? "unknown"}`
      : `${before?.status ?? "no row"} → ${after?.status ?? "no row"}`;
  const asked = !vod
    ? "VOD not asked (no FileId yet)"
    : !vod.exists
      ? "VOD no longer has this file"
      : `VOD has it${vod.taskId ? `, task ${vod.taskId} ${vod.taskStatus ?? ""}` : ""}`;
  const recorded = events.length
    ? `recorded ${events.map((event) => `#${event.id} ${event.eventType}`).join(", ")}`
    : "nothing recorded";
  return `Reconcile: ${answer.outcome}. ${status}; ${asked}; ${recorded}.`;
}

// ---- Moderation -------------------------------------------------------------------------------------------------
// Uploads by their review's status (?review=), newest first: what is blocked, and what a person should look at.
const MODERATION_TITLES = {
  block: "Blocked",
  review: "To be reviewed",
  pending: "Review pending",
  pass: "Passed",
};

async function loadModeration() {
  const status = $("moderation-filter").value;
  const body = $("moderation-body");
  try {
    const page = await get(`../v1/uploads?review=${enc(status)}&limit=50&include=outputs`);
    fill(
      body,
      page.items.length
        ? uploadTable(MODERATION_TITLES[status] ?? status, page)
        : hint(`No upload whose review is ${status}.`),
    );
  } catch (error) {
    fill(body, el("p", { class: "error" }, describeError(error)));
  }
}

// ---- Events -----------------------------------------------------------------------------------------------------
function appendEvents(list, events, { showFileId = false } = {}) {
  list.append(...events.map((event) => eventItem(event, showFileId)));
}

function eventItem(event, showFileId) {
  const payload = el("pre", { class: "payload", hidden: true });
  const answer = el("p", { class: "answer", role: "status", hidden: true });
  const toggle = button("Payload", () => togglePayload(event.id, toggle, payload), { "aria-expanded": "false" });
  const replay = button("Replay", () => replayEvent(event.id, replay, answer));
  const open = () =>
    openUpload(event.fileId).then(
      (found) =>
        found
          ? $("upload-card").scrollIntoView()
          : showNotice($("events"), `No upload or event for ${event.fileId}.`, true),
      (error) => showNotice($("events"), describeError(error), true),
    );
  return el(
    "li",
    { class: "event", "data-event-id": event.id },
    el(
      "div",
      { class: "event-line" },
      el("span", { class: "event-id" }, `#${event.id}`),
      time(event.receivedAt),
      el("strong", {}, event.eventType),
      el("span", { class: "chip", title: "channel" }, event.channel),
      badge("outcome", event.outcome),
      event.replayOf
        ? el(
            "span",
            { class: "chip", title: "this row records a replay of that event" },
            `replay of #${event.replayOf}`,
          )
        : null,
      showFileId && event.fileId ? el("button", { type: "button", class: "link", onclick: open }, event.fileId) : null,
      el("span", { class: "actions" }, toggle, replay),
    ),
    event.error ? el("p", { class: "event-error" }, issuesText(event.error)) : null,
    answer,
    payload,
  );
}

async function togglePayload(id, toggle, pre) {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  pre.hidden = !open;
  if (!open || pre.dataset.loaded) return;
  pre.textContent = "Loading…";
  try {
    const event = await get(`events/${enc(id)}`);
    // The body parsed, indented; as received when it is not JSON.
    pre.textContent = event.payload !== null ? JSON.stringify(event.payload, null, 2) : (event.payloadText ?? "");
    pre.dataset.loaded = "true";
  } catch (error) {
    pre.textContent = `Could not load the payload: ${describeError(error)}`;
  }
}

async function replayEvent(id, replay, answer) {
  replay.disabled = true;
  answer.hidden = false;
  answer.classList.remove("error");
  answer.textContent = "Replaying…";
  try {
    answer.textContent = replayText(await post(`events/${enc(id)}/replay`));
    await refreshStats();
  } catch (error) {
    answer.textContent = `Replay failed: ${describeError(error)}`;
    answer.classList.add("error");
  } finally {
    replay.disabled = false;
  }
}

function replayText(answer) {
  const recorded = answer.eventId ? ` Recorded as event #${answer.eventId} (Refresh to see it).` : "";
  switch (answer.outcome) {
    case "applied":
      return `Replay: applied. ${answer.fileId ?? "The upload"} is now ${answer.status ?? "updated"}.${recorded}`;
    case "duplicate":
      return "Replay: duplicate. This event was already applied; nothing changed.";
    case "ignored":
      return `Replay: ignored (an event type the tracker does not follow).${recorded}`;
    case "invalid":
      return `Replay: still invalid: ${issuesText(answer.errors)}.${recorded}`;
    default:
      return `Replay: ${answer.outcome}.${recorded}`;
  }
}

async function loadEvents() {
  const outcome = $("events-outcome").value;
  const body = $("events-body");
  const page = (cursor) =>
    get(`events?limit=25${outcome ? `&outcome=${enc(outcome)}` : ""}${cursor ? `&cursor=${enc(cursor)}` : ""}`);
  try {
    const first = await page();
    const list = el("ul", { class: "event-list" });
    appendEvents(list, first.items, { showFileId: true });
    fill(
      body,
      first.items.length ? list : hint(outcome ? `No ${outcome} event.` : "No event yet."),
      first.nextCursor
        ? moreButton(first.nextCursor, page, (items) => appendEvents(list, items, { showFileId: true }))
        : null,
    );
  } catch (error) {
    fill(body, el("p", { class: "error" }, describeError(error)));
  }
}

/** "Load more" over a keyset-paginated list: fetchPage(cursor) → { items, nextCursor }. */
function moreButton(cursor, fetchPage, append) {
  const more = button("Load more", async () => {
    more.disabled = true;
    try {
      const next = await fetchPage(cursor);
      append(next.items);
      if (next.nextCursor) cursor = next.nextCursor;
      else more.remove();
    } catch (error) {
      more.replaceWith(el("p", { class: "error" }, describeError(error)));
    } finally {
      more.disabled = false;
    }
  });
  return more;
}

// ---- Wiring -----------------------------------------------------------------------------------------------------
$("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("token").value.trim());
});
$("sign-out").addEventListener("click", () => signOut());
$("stats-refresh").addEventListener("click", () => refreshStats());
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  search($("search-input").value.trim());
});
$("events-outcome").addEventListener("change", () => loadEvents());
$("moderation-filter").addEventListener("change", () => loadModeration());
$("moderation-refresh").addEventListener("click", () => loadModeration());
initEndpoints({ api, openUpload: openCard });

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) signIn(saved);
else showSignIn();
