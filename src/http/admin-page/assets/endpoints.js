// The Notifications panel (issue 16 §1, §7): the app backend's endpoints that receive signed notifications, added,
// disabled or enabled, rotated, tested and deleted through /admin/endpoints, and the selected one's messages and
// attempts (notifications.js). A whsec_ secret is in the answer of create and rotate-secret only: the page shows it
// once, in #endpoint-secret, and keeps it nowhere else (not in storage, not in the list); Done or sign-out wipes it.
import { $, badge, button, el, fill, hint, time } from "./dom.js";
import { endpointMessages, errorText } from "./notifications.js";

const enc = encodeURIComponent;
let api = null;
let openUpload = null;
let catalogLoaded = false;
let selectedId = null;
let detail = null; // the selected endpoint's messages (notifications.js endpointMessages)

/** deps.api: admin.js's calls; deps.openUpload(ref): opens an upload's card (a message's upload links to it). */
export function initEndpoints(deps) {
  ({ api, openUpload } = deps);
  $("endpoint-form").addEventListener("submit", (event) => {
    event.preventDefault();
    addEndpoint();
  });
  $("endpoints-refresh").addEventListener("click", () => loadEndpoints());
  $("secret-copy").addEventListener("click", () => copySecret());
  $("secret-done").addEventListener("click", () => forgetSecret());
}

export async function loadEndpoints() {
  if (!catalogLoaded) await loadCatalog();
  try {
    const { items } = await api.get("endpoints");
    fill($("endpoints-body"), items.length ? endpointTable(items) : hint("No endpoint yet: add one below."));
    const selected = items.find((endpoint) => endpoint.id === selectedId);
    if (!selected) {
      selectedId = null;
      detail = null;
      fill($("endpoint-detail"));
    } else if (detail?.endpointId !== selected.id) select(selected);
    return items;
  } catch (error) {
    fill($("endpoints-body"), el("p", { class: "error" }, `Could not list the endpoints: ${errorText(error)}`));
    return [];
  }
}

/** Wipes a secret still on screen (sign-out; the Done button). */
export function forgetSecret() {
  $("secret-value").value = "";
  $("secret-copied").textContent = "";
  $("endpoint-secret").hidden = true;
}

// The types an endpoint can subscribe to are read from the API's own schema (GET /openapi.json: the eventTypes enum
// of POST /admin/endpoints), so the page never keeps a copy of src/notify/notify-event-types.ts.
async function loadCatalog() {
  let types;
  try {
    const openApi = await api.get("../openapi.json");
    const schema = openApi?.paths?.["/admin/endpoints"]?.post?.requestBody?.content?.["application/json"]?.schema;
    types = schema?.properties?.eventTypes?.items?.enum;
  } catch (error) {
    fill(
      $("endpoint-types"),
      hint(`Could not read the event types (${errorText(error)}): a new endpoint gets every type.`),
    );
    return; // asked again at the next refresh
  }
  catalogLoaded = true;
  fill(
    $("endpoint-types"),
    (Array.isArray(types) ? types : []).map((type) =>
      el("label", { class: "check" }, el("input", { type: "checkbox", value: type }), type),
    ),
  );
}

async function addEndpoint() {
  const error = $("endpoint-form-error");
  const submit = $("endpoint-add");
  error.hidden = true;
  submit.disabled = true;
  const description = $("endpoint-description").value.trim();
  const eventTypes = [...$("endpoint-types").querySelectorAll("input:checked")].map((box) => box.value);
  try {
    const { endpoint, secret } = await api.send("POST", "endpoints", {
      url: $("endpoint-url").value.trim(),
      eventTypes,
      ...(description ? { description } : {}),
    });
    $("endpoint-form").reset();
    showSecret(`Secret of ${endpoint.url}`, secret, null);
    selectedId = endpoint.id;
    await loadEndpoints();
  } catch (failure) {
    error.textContent = `Not added: ${errorText(failure)}`;
    error.hidden = false;
  } finally {
    submit.disabled = false;
  }
}

function showSecret(title, secret, oldValidUntil) {
  $("secret-title").textContent = title;
  $("secret-value").value = secret;
  $("secret-copied").textContent = "";
  $("secret-note").textContent =
    "Shown once: put it in the receiver's configuration now. The service never shows it again; " +
    "rotate the secret to get a new one." +
    (oldValidUntil ? ` The old secret keeps signing beside it until ${oldValidUntil}.` : "");
  $("endpoint-secret").hidden = false;
}

async function copySecret() {
  const input = $("secret-value");
  try {
    await navigator.clipboard.writeText(input.value);
    $("secret-copied").textContent = "Copied.";
  } catch {
    // No clipboard permission (or not a secure context): leave it selected for Ctrl+C.
    input.select();
    $("secret-copied").textContent = "The browser refused the clipboard: the secret is selected, copy it by hand.";
  }
}

function endpointTable(items) {
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "endpoints" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ["URL", "Event types", "State", "Created", ""].map((h) => el("th", {}, h)),
        ),
      ),
      el("tbody", {}, items.map(endpointRow)),
    ),
  );
}

function endpointRow(endpoint) {
  const actions = el("td", { class: "row-actions" });
  const showActions = () =>
    fill(
      actions,
      button("Messages", () => select(endpoint)),
      button("Send test", () => act("Send test", () => sendTest(endpoint))),
      button(endpoint.enabled ? "Disable" : "Enable", () => act("Update", () => setEnabled(endpoint))),
      button("Rotate secret", () => act("Rotate secret", () => rotate(endpoint))),
      button("Delete", () =>
        fill(
          actions,
          el("span", { class: "confirm" }, "Delete it with its messages and attempts?"),
          button("Yes, delete", () => act("Delete", () => remove(endpoint)), { class: "quiet danger" }),
          button("Cancel", showActions),
        ),
      ),
    );
  showActions();
  return el(
    "tr",
    { "data-endpoint-id": endpoint.id, class: endpoint.id === selectedId ? "selected" : null },
    el(
      "td",
      { class: "url" },
      el("code", {}, endpoint.url),
      endpoint.description ? el("div", {}, endpoint.description) : null,
      el("div", { class: "muted" }, endpoint.id),
    ),
    el(
      "td",
      {},
      endpoint.eventTypes.length
        ? el(
            "span",
            { class: "types" },
            endpoint.eventTypes.map((type) => el("span", { class: "chip" }, type)),
          )
        : el("span", { class: "muted" }, "all"),
    ),
    el(
      "td",
      {},
      badge("endpoint", endpoint.enabled ? "enabled" : "disabled"),
      endpoint.disabledReason ? el("div", { class: "event-error" }, endpoint.disabledReason) : null,
      endpoint.previousSecretValidUntil
        ? el("div", { class: "hint" }, "old secret signs until ", time(endpoint.previousSecretValidUntil))
        : null,
    ),
    el("td", {}, time(endpoint.createdAt)),
    actions,
  );
}

function select(endpoint) {
  selectedId = endpoint.id;
  for (const row of $("endpoints-body").querySelectorAll("tr[data-endpoint-id]"))
    row.classList.toggle("selected", row.dataset.endpointId === endpoint.id);
  detail = endpointMessages(api, endpoint, { openUpload });
  fill($("endpoint-detail"), detail.node);
  return detail;
}

/** Runs an action; its answer or its error shows in the panel's notice, never only in the console. */
async function act(label, work) {
  const notice = $("endpoints-notice");
  notice.hidden = true;
  try {
    const text = await work();
    notice.textContent = text;
    notice.classList.remove("error");
  } catch (error) {
    notice.textContent = `${label} failed: ${errorText(error)}`;
    notice.classList.add("error");
  }
  notice.hidden = false;
}

async function sendTest(endpoint) {
  const { messageId, webhookId } = await api.send("POST", `endpoints/${enc(endpoint.id)}/test`);
  const view = detail?.endpointId === endpoint.id ? detail : select(endpoint);
  view.follow(messageId);
  return `Test message ${webhookId} queued for ${endpoint.url}.`;
}

async function setEnabled(endpoint) {
  const updated = await api.send("PATCH", `endpoints/${enc(endpoint.id)}`, { enabled: !endpoint.enabled });
  await loadEndpoints();
  return updated.enabled
    ? `${endpoint.url} enabled: it gets the notifications of changes from now on.`
    : `${endpoint.url} disabled: no notification is written for it until it is enabled again.`;
}

async function rotate(endpoint) {
  const { secret } = await api.send("POST", `endpoints/${enc(endpoint.id)}/rotate-secret`);
  const items = await loadEndpoints();
  const until = items.find((item) => item.id === endpoint.id)?.previousSecretValidUntil ?? null;
  showSecret(`New secret of ${endpoint.url}`, secret, until);
  return `Secret of ${endpoint.url} rotated.`;
}

async function remove(endpoint) {
  await api.send("DELETE", `endpoints/${enc(endpoint.id)}`);
  await loadEndpoints();
  return `${endpoint.url} deleted, with its messages and attempts.`;
}
