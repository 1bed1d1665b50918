// The playground: reads the input box, asks this server's HTTP API (/v1/...) and draws
// the answers. Everything shown goes through textContent, never HTML, so nothing a
// schedule or an answer says can become markup or script.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const EXAMPLES = {
    cron: "0 9 * * MON-FRI",
    quartz: "0 30 8 ? * 2#1",
    campaign: JSON.stringify({ type: "WEEKLY", hours: { type: "LIST", values: ["9"] },
                               days: { type: "LIST", values: ["2", "5"] } }, null, 2),
    helix: JSON.stringify({ schedule: { startTime: "09:00", endTime: "17:00",
      startDate: "01122026", endsOn: { endDate: "31129999" },
      recurrence: { frequency: "weekly", recurrenceSchedule: { daysOfWeek: [2, 3, 4, 5, 6] } },
      timeZone: { name: "Europe/Berlin", offset: "+01:00" } } }, null, 2),
    rrule: "DTSTART;TZID=Europe/Berlin:20261201T083000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR",
    systemd: "Mon..Fri *-*-* 07:30:00 Europe/London",
  };
  const NEXT_COUNT = 10;
  const state = { formats: [], targets: [], month: null, monthChosen: false, sequence: 0,
                  monthSequence: 0, timer: null, input: null };

  // -- talking to the API ---------------------------------------------------------------

  async function call(endpoint, body) {
    let response;
    try {
      response = await fetch("/v1/" + endpoint, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body) });
    } catch (error) {
      return { ok: false, problem: { title: "The server cannot be reached",
                                     detail: "is cadence serve still running?" } };
    }
    let answer = null;
    try { answer = await response.json(); } catch (error) { answer = null; }
    if (response.ok && answer) { return { ok: true, answer: answer }; }
    return { ok: false, status: response.status,
             problem: answer || { title: "HTTP " + response.status, detail: "" } };
  }

  // What the input says now: every request of one update is made from this one reading,
  // so its answers agree even while the person goes on typing.
  function readInput() {
    const body = { source: $("source").value };
    const zone = $("zone").value.trim();
    const format = $("format").value;
    if (zone) { body.tz = zone; }
    if (format) { body.format = format; }
    return body;
  }

  function request(input, extra) { return Object.assign({}, input, extra || {}); }

  // -- small drawing helpers ------------------------------------------------------------

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) { made.textContent = text; }
    if (className) { made.className = className; }
    return made;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December"];

  // "2026-12-07T09:00:00+01:00" as the schedule's own wall time: "Mon 2026-12-07 09:00
  // +01:00" (the browser's zone plays no part).
  function wallTime(iso) {
    const parts = /^(\d{4,})-(\d\d)-(\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?(.*)$/.exec(iso);
    if (!parts) { return iso; }
    const day = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    day.setUTCFullYear(+parts[1]);
    const weekday = WEEKDAYS[(day.getUTCDay() + 6) % 7];
    const seconds = parts[5] && parts[5] !== ":00" ? parts[5] : "";
    const offset = parts[6] === "+00:00" ? "UTC" : parts[6];
    return weekday + " " + parts[1] + "-" + parts[2] + "-" + parts[3] + " " + parts[4] +
      seconds + " " + offset;
  }

  const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

  // The calendar date (as a day number) and month number of an instant, read on the
  // clock of the given offset in minutes.
  function dayAndMonth(milliseconds, offsetMinutes) {
    const wall = new Date(milliseconds + offsetMinutes * 60000);
    return { day: Math.floor(wall.getTime() / 86400000),
             month: wall.getUTCFullYear() * 12 + wall.getUTCMonth() };
  }

  // "in 5 hours" on the same day, "tomorrow", "in 2 days" up to 45, then "next month",
  // "in 3 months", "in 2 years": days and months counted on the schedule's own calendar
  // (the run's offset), as a person there would count them.
  function hint(iso) {
    const at = Date.parse(iso);
    const offset = /([+-])(\d\d):(\d\d)$/.exec(iso);
    if (Number.isNaN(at)) { return ""; }
    const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (+offset[2] * 60 + +offset[3]) : 0;
    const now = Date.now();
    const then = dayAndMonth(at, minutes);
    const today = dayAndMonth(now, minutes);
    const days = then.day - today.day;
    const seconds = (at - now) / 1000;
    if (days === 0) {
      if (Math.abs(seconds) < 60) { return relative.format(Math.round(seconds), "second"); }
      if (Math.abs(seconds) < 3600) { return relative.format(Math.round(seconds / 60), "minute"); }
      return relative.format(Math.round(seconds / 3600), "hour");
    }
    if (Math.abs(days) <= 45) { return relative.format(days, "day"); }
    const months = then.month - today.month;
    if (Math.abs(months) < 24) { return relative.format(months, "month"); }
    return relative.format(Math.trunc(months / 12), "year");
  }

  function duration(seconds) {
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.round((seconds % 3600) / 60);
    return minutes ? hours + " h " + minutes + " min" : hours + " h";
  }

  // -- the URL holds the input ----------------------------------------------------------

  function saveToUrl(input) {
    const params = new URLSearchParams({ s: input.source });
    if (input.tz) { params.set("tz", input.tz); }
    if (input.format) { params.set("format", input.format); }
    history.replaceState(null, "", "#" + params.toString());
  }

  // A link says everything: what it leaves out is the default (the browser's zone,
  // the format recognized), not what the page held before.
  function loadFromUrl() {
    const params = new URLSearchParams(location.hash.slice(1));
    $("source").value = params.get("s") || "";
    $("zone").value = params.get("tz") || browserZone();
    $("format").value = state.formats.includes(params.get("format")) ? params.get("format") : "";
    state.monthChosen = false;
  }

  function browserZone() { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; }

  // -- the input box --------------------------------------------------------------------

  function drawGutter(marked) {
    const count = $("source").value.split("\n").length;
    const gutter = $("gutter");
    clear(gutter);
    for (let line = 1; line <= count; line += 1) {
      const number = element("span", String(line), marked && marked.has(line) ? "marked" : "");
      number.dataset.line = String(line);
      gutter.appendChild(number);
      if (line < count) { gutter.appendChild(document.createTextNode("\n")); }
    }
    gutter.scrollTop = $("source").scrollTop;
  }

  function selectLine(line) {
    const box = $("source");
    const lines = box.value.split("\n");
    let start = 0;
    for (let index = 0; index < line - 1 && index < lines.length; index += 1) {
      start += lines[index].length + 1;
    }
    box.focus();
    box.setSelectionRange(start, start + (lines[line - 1] || "").length);
  }

  // -- the panels -----------------------------------------------------------------------

  function showProblems(items) {
    const list = $("problems");
    clear(list);
    const marked = new Set();
    for (const item of items) {
      const row = element("li", null, item.severity === "warning" ? "warning" : "error");
      if (item.line) {
        marked.add(item.line);
        const link = element("button", "line " + item.line, "line-link");
        link.type = "button";
        link.addEventListener("click", () => selectLine(item.line));
        row.appendChild(link);
      }
      if (item.path) { row.appendChild(element("code", item.path, "pointer")); }
      row.appendChild(element("span", item.message, "message"));
      if (item.code) { row.appendChild(element("span", item.code, "code")); }
      list.appendChild(row);
    }
    $("problems-panel").hidden = items.length === 0;
    drawGutter(marked);
  }

  function showFailure(problem) {
    $("description").textContent = problem.title || "The schedule cannot be read";
    $("description").className = "description failed";
    $("facts").textContent = "";
    clear($("lints"));
    if (problem.problems && problem.problems.length) {
      showProblems(problem.problems);
    } else {
      const item = { message: problem.detail || "", severity: "error" };
      if (problem.position && problem.position.line) { item.line = problem.position.line; }
      showProblems([item]);
    }
  }

  function showMeaning(parsed) {
    $("description").textContent = parsed.description;
    $("description").className = "description";
    const zone = parsed.zone_from === "source" ? parsed.zone + " (named by the source)"
      : parsed.zone_from === "default" ? parsed.zone + " (no zone given)" : parsed.zone;
    $("facts").textContent = "Format: " + parsed.format + " \u00b7 Zone: " + zone;
    const lints = $("lints");
    clear(lints);
    for (const lint of parsed.lints) {
      lints.appendChild(element("li", lint.message, lint.severity));
    }
  }

  function showNext(result) {
    const list = $("next");
    clear(list);
    if (!result.ok) {
      list.appendChild(element("li", result.problem.detail || result.problem.title, "none"));
      return;
    }
    const answer = result.answer;
    const rows = answer.windows || answer.occurrences.map((start) => ({ start: start }));
    if (rows.length === 0) {
      list.appendChild(element("li", "It does not fire again.", "none"));
    }
    for (const row of rows) {
      const item = element("li");
      const time = element("time", wallTime(row.start), "moment");
      time.dateTime = row.start;
      item.appendChild(time);
      if (row.end) { item.appendChild(element("span", " until " + wallTime(row.end), "until")); }
      item.appendChild(element("span", hint(row.start), "hint"));
      list.appendChild(item);
    }
  }

  function showMonth(answer) {
    const month = answer.month;
    $("month-title").textContent = MONTHS[month.monthNumber - 1] + " " + month.year;
    const body = $("calendar").querySelector("tbody");
    clear(body);
    let row = element("tr");
    for (let blank = 1; blank < month.days[0].weekday; blank += 1) {
      row.appendChild(element("td", null, "outside"));
    }
    for (const day of month.days) {
      if (day.weekday === 1 && row.childNodes.length) { body.appendChild(row); row = element("tr"); }
      const cell = element("td", null, day.occurrences ? "day fires" : "day");
      cell.dataset.date = day.date;
      cell.appendChild(element("span", String(+day.date.slice(8)), "number"));
      if (day.occurrences > 1) {
        cell.appendChild(element("span", (day.exact ? "" : ">") + day.occurrences, "count"));
      }
      if (answer.windows && day.hours.length) {
        const strip = element("span", null, "hours");
        for (const share of day.hours) {
          const hour = element("span", null, "hour");
          // CSSOM, not a style attribute: allowed by the page's Content-Security-Policy
          hour.style.opacity = share === null ? "0.15" : String(0.08 + 0.92 * share);
          strip.appendChild(hour);
        }
        cell.appendChild(strip);
      }
      const parts = [day.date];
      if (day.occurrences) {
        parts.push((day.exact ? "" : "more than ") + day.occurrences +
                   (day.occurrences === 1 ? " run" : " runs"));
        parts.push("first " + wallTime(day.first));
      }
      if (day.workingSeconds) { parts.push(duration(day.workingSeconds) + " in windows"); }
      cell.title = parts.join(", ");
      row.appendChild(cell);
    }
    while (row.childNodes.length < 7) { row.appendChild(element("td", null, "outside")); }
    body.appendChild(row);
    const summary = month.daysFiring + (month.daysFiring === 1 ? " day fires" : " days fire") +
      ", " + (month.exact ? "" : "more than ") + month.occurrences +
      (month.occurrences === 1 ? " run" : " runs");
    $("month-summary").textContent = month.workingSeconds
      ? summary + ", " + duration(month.workingSeconds) + " in windows" : summary;
  }

  function copyButton(text) {
    const button = element("button", "Copy", "copy");
    button.type = "button";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Select and copy";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    });
    return button;
  }

  function showConversion(target, result) {
    const box = element("div", null, "conversion");
    box.dataset.target = target;
    const head = element("div", null, "conversion-head");
    head.appendChild(element("h3", target));
    box.appendChild(head);
    if (result.ok) {
      const schedule = result.answer.schedule;
      const text = typeof schedule === "string" ? schedule : JSON.stringify(schedule, null, 2);
      head.appendChild(copyButton(text));
      box.appendChild(element("pre", text, "written"));
      if (result.from) {
        box.appendChild(element("p", "as it runs from its next run, " + wallTime(result.from),
                                "from"));
      }
    } else {
      box.classList.add("refused");
      box.appendChild(element("p", result.problem.detail || result.problem.title, "reason"));
    }
    return box;
  }

  // When the first of a /v1/next answer's runs (or windows) starts, or null.
  function firstStart(result) {
    const first = result.ok && (result.answer.windows || result.answer.occurrences)[0];
    return first ? (first.start || first) : null;
  }

  // The schedule in target; where the target refuses it for want of a start (RRULE's
  // DTSTART, an iCalendar event), written as it runs from its next run.
  async function convert(input, target, next) {
    const plain = await call("convert", request(input, { to: target }));
    if (plain.ok || !/without a start/.test(plain.problem.feature || "")) { return plain; }
    const start = firstStart(await next);
    if (!start) { return plain; }
    const started = await call("convert", request(input, { to: target, start: start }));
    if (!started.ok) { return plain; }
    started.from = start;
    return started;
  }

  function clearMonth() {
    clear($("calendar").querySelector("tbody"));
    $("month-title").textContent = "";
    $("month-summary").textContent = "";
  }

  function clearPanels() {
    for (const id of ["next", "lints", "conversions"]) { clear($(id)); }
    clearMonth();
    $("facts").textContent = "";
  }

  // -- one update: every panel from the current input -----------------------------------

  async function update() {
    const sequence = ++state.sequence;
    const current = () => sequence === state.sequence;
    const input = readInput();
    saveToUrl(input);
    drawGutter(null);
    if (!input.source.trim()) {
      state.input = null;
      state.month = null;
      clearPanels();
      $("description").textContent = "Type or paste a schedule above.";
      $("description").className = "description";
      showProblems([]);
      $("status").textContent = "";
      return;
    }
    $("status").textContent = "Reading\u2026";
    state.input = input;
    const parsed = await call("parse", input);
    if (!current()) { return; }
    if (!parsed.ok) {
      state.input = null;  // (nothing to draw a month of)
      clearPanels();
      showFailure(parsed.problem);
      $("status").textContent = "";
      return;
    }
    showMeaning(parsed.answer);
    const next = call("next", request(input, { n: NEXT_COUNT }));
    const checked = call("validate", input);
    const conversions = state.targets.map((target) => convert(input, target, next));
    const shown = await next;
    if (!current()) { return; }
    showNext(shown);
    if (!state.monthChosen) {
      const start = firstStart(shown);
      state.month = start ? start.slice(0, 7) : null;
    }
    await drawMonth(input);
    const validated = await checked;
    if (!current()) { return; }
    showProblems(validated.ok ? validated.answer.problems : []);
    const box = $("conversions");
    const written = await Promise.all(conversions);
    if (!current()) { return; }
    clear(box);
    state.targets.forEach((target, index) => box.appendChild(showConversion(target, written[index])));
    $("status").textContent = "";
  }

  // Draw state.month (or this month) of input; only the latest draw asked is shown.
  async function drawMonth(input) {
    const asked = ++state.monthSequence;
    const extra = state.month ? { month: state.month } : {};
    const answer = await call("month", request(input, extra));
    if (asked !== state.monthSequence || input !== state.input) { return; }
    if (answer.ok) {
      if (!state.month) { state.month = answer.answer.month.month; }
      showMonth(answer.answer);
    } else {
      clearMonth();
      $("month-summary").textContent = answer.problem.detail || answer.problem.title;
    }
  }

  function moveMonth(step) {
    if (!state.month) { return; }
    let year = +state.month.slice(0, 4);
    let month = +state.month.slice(5, 7) + step;
    if (month === 0) { year -= 1; month = 12; }
    if (month === 13) { year += 1; month = 1; }
    if (year < 1 || year > 9999) { return; }
    state.month = String(year).padStart(4, "0") + "-" + String(month).padStart(2, "0");
    state.monthChosen = true;
    if (state.input) { drawMonth(state.input); }
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(update, 250);
  }

  // -- start ----------------------------------------------------------------------------

  async function start() {
    const zones = typeof Intl.supportedValuesOf === "function"
      ? Intl.supportedValuesOf("timeZone") : [];
    const list = $("zones");
    for (const zone of ["UTC"].concat(zones)) {
      const option = document.createElement("option");
      option.value = zone;
      list.appendChild(option);
    }
    $("zone").value = browserZone();
    try {
      const document_ = await (await fetch("/v1/openapi.json")).json();
      const schemas = document_.components.schemas;
      state.formats = schemas.parse_request.properties.format.enum;
      state.targets = schemas.convert_request.properties.to.enum;
      $("version").textContent = document_.info.version;
    } catch (error) {
      $("status").textContent = "The server's API description cannot be read.";
    }
    for (const name of state.formats) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      $("format").appendChild(option);
    }
    loadFromUrl();
    if (!$("source").value) { $("source").value = EXAMPLES.cron; }
    $("source").addEventListener("input", () => { state.monthChosen = false; schedule(); });
    $("source").addEventListener("scroll", () => { $("gutter").scrollTop = $("source").scrollTop; });
    $("zone").addEventListener("change", schedule);
    $("format").addEventListener("change", schedule);
    $("previous-month").addEventListener("click", () => moveMonth(-1));
    $("next-month").addEventListener("click", () => moveMonth(1));
    for (const button of document.querySelectorAll("[data-example]")) {
      button.addEventListener("click", () => {
        $("source").value = EXAMPLES[button.dataset.example];
        $("format").value = "";
        state.monthChosen = false;
        update();
      });
    }
    window.addEventListener("hashchange", () => { loadFromUrl(); update(); });
    update();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
