// Every task VOD ran on the file (the timeline's `tasks`, newest first): a task flow (Procedure), a legacy
// TranscodeComplete, a pull, an edit…, each with its subtasks. Several task flows on one file all show, so an
// admin sees which one failed when the status says FAILED.
import { badge, dash, el, hint, time } from "./dom.js";

export function taskFlows(tasks) {
  if (!tasks) return null;
  return [
    el("h3", {}, `Task flows (${tasks.length})`),
    tasks.length ? el("ol", { class: "tasks" }, tasks.map(taskItem)) : hint("No task heard of for this file."),
  ];
}

function taskItem(task) {
  const subtasks = task.subtasks ?? [];
  return el(
    "li",
    { class: `task${task.failed ? " failed" : ""}`, "data-task-id": task.taskId },
    el(
      "div",
      { class: "task-line" },
      el("strong", {}, task.kind),
      el("code", {}, task.taskId),
      badge("task", task.status),
      task.failed ? badge("task", "failed") : null,
      task.errCode ? el("span", { class: "chip", title: "ErrCode" }, `ErrCode ${task.errCode}`) : null,
      task.beganAt || task.finishedAt
        ? el("span", { class: "when" }, time(task.beganAt), " → ", time(task.finishedAt))
        : null,
    ),
    task.message && task.message.toUpperCase() !== "SUCCESS" ? el("p", { class: "task-message" }, task.message) : null,
    subtasks.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "subtasks" },
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                ["Subtask", "Status", "ErrCode", "ErrCodeExt", "Message", "Finished"].map((h) => el("th", {}, h)),
              ),
            ),
            el("tbody", {}, subtasks.map(subtaskRow)),
          ),
        )
      : null,
  );
}

function subtaskRow(subtask) {
  const value = (v) => (v === null || v === undefined || v === "" ? dash() : v);
  return el(
    "tr",
    { "data-type": subtask.type },
    el("td", {}, subtask.type),
    el("td", {}, subtask.status ? badge("task", subtask.status) : dash()),
    el("td", {}, value(subtask.errCode)),
    el("td", {}, value(subtask.errCodeExt)),
    el("td", {}, value(subtask.message)),
    el("td", {}, time(subtask.finishedAt)),
  );
}
