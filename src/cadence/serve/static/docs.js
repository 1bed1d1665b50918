// The HTTP API's interactive page (/v1/docs): reads this server's OpenAPI document and
// draws every operation (its request fields, its answers) with a "Try it" box that sends
// a request and shows the answer and the curl line for it. Everything shown goes through
// textContent, never HTML, so nothing the document or an answer says can become markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const METHODS = ["get", "post", "put", "patch", "delete"];
  // how deep nested objects are listed as dotted field names (month.days[].date)
  const DEPTH = 4;

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) { made.textContent = text; }
    if (className) { made.className = className; }
    return made;
  }

  function append(parent, ...children) {
    for (const child of children) { parent.appendChild(child); }
    return parent;
  }

  // -- reading the document's schemas ----------------------------------------------------

  // A schema with its "$ref" followed into components.schemas (a chain at most a few
  // long; a loop or a reference to elsewhere gives the schema as it is).
  function resolve(document_, schema) {
    let current = schema || {};
    for (let step = 0; step < 8 && typeof current.$ref === "string"; step += 1) {
      const found = /^#\/components\/schemas\/(.+)$/.exec(current.$ref);
      const schemas = (document_.components || {}).schemas || {};
      if (!found || !Object.prototype.hasOwnProperty.call(schemas, found[1])) { break; }
      current = schemas[found[1]];
    }
    return current;
  }

  function schemaName(schema) {
    const found = schema && typeof schema.$ref === "string" ? /[^/]+$/.exec(schema.$ref) : null;
    return found ? found[0] : null;
  }

  function typeText(document_, schema) {
    const resolved = resolve(document_, schema);
    const kinds = Array.isArray(resolved.type) ? resolved.type
      : resolved.type ? [resolved.type] : ["any"];
    return kinds.map((kind) => kind === "array" && resolved.items
      ? "array of " + typeText(document_, resolved.items) : kind).join(" | ");
  }

  function shown(value) { return value === null ? "null" : String(value); }

  // The limits a schema puts on a value, in words: "one of: a, b", "1 to 1000", ...
  function constraints(schema) {
    const said = [];
    if (Array.isArray(schema.enum)) { said.push("one of: " + schema.enum.map(shown).join(", ")); }
    const low = schema.minimum;
    const high = schema.maximum;
    if (low !== undefined && high !== undefined) {
      said.push("from " + low + " to " + high);
    } else if (low !== undefined) {
      said.push("at least " + low);
    } else if (high !== undefined) {
      said.push("at most " + high);
    }
    if (schema.maxLength !== undefined) { said.push("at most " + schema.maxLength + " characters"); }
    if (schema["x-form"]) {
      said.push("written " + schema["x-form"]);
    } else if (schema.pattern) {
      said.push("matches " + schema.pattern);
    }
    if (schema.additionalProperties === false && schema.properties) { said.push("no other fields"); }
    return said.join("; ");
  }

  // One row per field, nested objects (and arrays of objects) as dotted names.
  function fieldRows(document_, schema, prefix, depth, rows) {
    const resolved = resolve(document_, schema);
    const required = resolved.required || [];
    for (const [name, member] of Object.entries(resolved.properties || {})) {
      const field = resolve(document_, member);
      rows.push({ name: prefix + name, type: typeText(document_, field),
                  required: required.includes(name), limits: constraints(field),
                  description: field.description || "" });
      if (depth >= DEPTH) { continue; }
      if (field.properties) {
        fieldRows(document_, field, prefix + name + ".", depth + 1, rows);
      } else if (field.items && resolve(document_, field.items).properties) {
        fieldRows(document_, field.items, prefix + name + "[].", depth + 1, rows);
      }
    }
    return rows;
  }

  function fieldsTable(document_, schema) {
    const rows = fieldRows(document_, schema, "", 1, []);
    if (rows.length === 0) {
      return element("p", "A JSON value of type " + typeText(document_, schema) + ".", "facts");
    }
    const table = element("table", null, "fields");
    const head = append(element("tr"), ...["Field", "Type", "Required", "Limits",
                                           "Description"].map((title) => element("th", title)));
    table.appendChild(append(element("thead"), head));
    const body = element("tbody");
    for (const row of rows) {
      const line = element("tr", null, row.required ? "required" : null);
      append(line, element("td", row.name, "name"), element("td", row.type, "type"),
             element("td", row.required ? "required" : "optional"),
             element("td", row.limits), element("td", row.description));
      body.appendChild(line);
    }
    table.appendChild(body);
    // (a wide table scrolls in its own box on a narrow screen, not the whole page)
    return append(element("div", null, "fields-scroll"), table);
  }

  // -- one operation ---------------------------------------------------------------------

  function anchor(operation, method, path) {
    const name = operation.operationId || method + path;
    return "op-" + name.replace(/[^A-Za-z0-9_-]+/g, "-");
  }

  function requestPart(document_, operation) {
    const part = element("div", null, "part");
    part.appendChild(element("h4", "Request body"));
    const body = operation.requestBody;
    if (!body) {
      part.appendChild(element("p", "None.", "facts"));
      return part;
    }
    for (const [media, content] of Object.entries(body.content || {})) {
      const facts = media + (body.required ? ", required" : "");
      const name = schemaName(content.schema);
      part.appendChild(element("p", name ? facts + " (schema " + name + ")" : facts, "facts"));
      part.appendChild(fieldsTable(document_, content.schema));
    }
    return part;
  }

  // The answers, those that share one description (the problem body of every error
  // status) drawn once under all their status codes.
  function responsesPart(document_, operation) {
    const part = element("div", null, "part");
    part.appendChild(element("h4", "Responses"));
    const groups = new Map();
    for (const [status, response] of Object.entries(operation.responses || {})) {
      const key = JSON.stringify(response);
      if (!groups.has(key)) { groups.set(key, { statuses: [], response: response }); }
      groups.get(key).statuses.push(status);
    }
    for (const group of groups.values()) {
      const box = element("div", null, "response");
      const title = element("p", null, "response-title");
      for (const status of group.statuses) {
        title.appendChild(element("span", status, "status status-" + status.charAt(0)));
      }
      title.appendChild(element("span", group.response.description || "", "response-description"));
      box.appendChild(title);
      for (const [media, content] of Object.entries(group.response.content || {})) {
        const name = schemaName(content.schema);
        box.appendChild(element("p", name ? media + " (schema " + name + ")" : media, "facts"));
        if (!content.schema) { continue; }
        const table = fieldsTable(document_, content.schema);
        if (group.statuses.some((status) => status.charAt(0) === "2")) {
          box.appendChild(table);
        } else {
          // the error body is the same for every operation: folded, to keep pages short
          const folded = append(element("details"), element("summary", "Fields"), table);
          box.appendChild(folded);
        }
      }
      part.appendChild(box);
    }
    return part;
  }

  // -- Try it ----------------------------------------------------------------------------

  function examplesOf(operation) {
    const content = ((operation.requestBody || {}).content || {})["application/json"];
    if (!content) { return []; }
    const found = Object.entries(content.examples || {}).map(([name, example]) => ({
      name: example.summary || name, value: example.value }));
    if (found.length === 0 && content.example !== undefined) {
      found.push({ name: "example", value: content.example });
    }
    return found;
  }

  // A word quoted for a POSIX shell: inside single quotes nothing is special but the
  // quote itself, written '\''.
  function shellQuoted(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

  function curlLine(method, url, body) {
    const words = ["curl", "-s"];
    if (method !== "GET") { words.push("-X", method); }
    words.push(shellQuoted(url));
    if (body !== null) {
      words.push("-H", shellQuoted("Content-Type: application/json"), "--data-binary",
                 shellQuoted(body));
    }
    return words.join(" ");
  }

  function selectText(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyButton(source) {
    const button = element("button", "Copy", "copy");
    button.type = "button";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent);
        button.textContent = "Copied";
      } catch (error) {
        // (no clipboard outside a secure context): leave the text selected to copy
        selectText(source);
        button.textContent = "Selected: press Ctrl+C";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    });
    return button;
  }

  // JSON indented two spaces a level, except that a short array of numbers, strings,
  // booleans or nulls stays on one line ([0], ["MO", "TU"]): an IR reads much shorter.
  const SHORT = 72;
  function indented(value, indent) {
    const inner = indent + "  ";
    if (Array.isArray(value)) {
      if (value.length === 0) { return "[]"; }
      const flat = value.every((item) => item === null || typeof item !== "object");
      const line = "[" + value.map((item) => JSON.stringify(item)).join(", ") + "]";
      if (flat && line.length <= SHORT) { return line; }
      return "[\n" + value.map((item) => inner + indented(item, inner)).join(",\n") +
        "\n" + indent + "]";
    }
    if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      if (keys.length === 0) { return "{}"; }
      return "{\n" + keys.map((key) => inner + JSON.stringify(key) + ": " +
        indented(value[key], inner)).join(",\n") + "\n" + indent + "}";
    }
    return JSON.stringify(value);
  }

  // The answer's body as sent, indented when it is JSON.
  function pretty(text) {
    let value;
    try { value = JSON.parse(text); } catch (error) { return text; }
    return indented(value, "");
  }

  // The request body's editor, filled with the operation's example (a picker when it
  // has several), and the controls to send it or to put the example back.
  function bodyEditor(part, controls, label, examples) {
    const editor = element("textarea", null, "try-body");
    editor.spellcheck = false;
    editor.setAttribute("autocomplete", "off");
    editor.setAttribute("aria-label", label);
    let picker = null;
    const fill = () => {
      const value = examples.length ? examples[picker ? +picker.value : 0].value : {};
      editor.value = indented(value === undefined ? {} : value, "");
      editor.rows = Math.min(18, editor.value.split("\n").length + 1);
    };
    if (examples.length > 1) {
      picker = element("select", null, "try-example");
      examples.forEach((example, index) => {
        const option = element("option", example.name);
        option.value = String(index);
        picker.appendChild(option);
      });
      picker.addEventListener("change", fill);
      part.appendChild(append(element("label", "Example "), picker));
    } else if (examples.length === 1) {
      part.appendChild(element("p", "Example: " + examples[0].name, "facts"));
    }
    fill();
    part.appendChild(editor);
    const reset = element("button", "Reset", "copy");
    reset.type = "button";
    reset.addEventListener("click", fill);
    append(controls, reset, element("span", "Ctrl+Enter sends", "hint"));
    return editor;
  }

  function tryPart(method, path, operation) {
    const part = element("div", null, "part try");
    part.appendChild(element("h4", "Try it"));
    const send = element("button", "Send", "send");
    send.type = "button";
    const controls = append(element("div", null, "try-controls"), send);
    const hasBody = Boolean(operation.requestBody);
    const editor = hasBody ? bodyEditor(part, controls, method.toUpperCase() + " " + path +
                                        " request body", examplesOf(operation)) : null;
    part.appendChild(controls);

    const result = element("div", null, "try-result");
    result.hidden = true;
    const statusLine = element("p", null, "try-status");
    const answer = element("pre", null, "try-answer");
    const curlHead = element("div", null, "curl-head");
    const curl = element("pre", null, "try-curl");
    append(curlHead, element("span", "curl", "heading"), copyButton(curl));
    append(result, statusLine, answer, curlHead, curl);
    part.appendChild(result);

    async function sendIt() {
      const verb = method.toUpperCase();
      const body = hasBody ? editor.value : null;
      const init = { method: verb, headers: { Accept: "application/json" } };
      if (body !== null) {
        init.body = body;
        init.headers["Content-Type"] = "application/json";
      }
      curl.textContent = curlLine(verb, window.location.origin + path, body);
      send.disabled = true;
      result.hidden = false;
      statusLine.className = "try-status";
      statusLine.textContent = "Sending\u2026";
      answer.textContent = "";
      try {
        const response = await fetch(path, init);
        const text = await response.text();
        const type = response.headers.get("Content-Type") || "no content type";
        statusLine.textContent = response.status + " " + (response.statusText || "") +
          " \u00b7 " + type;
        statusLine.className = "try-status " + (response.ok ? "ok" : "failed");
        answer.textContent = pretty(text);
      } catch (error) {
        statusLine.textContent = "The server cannot be reached: is cadence serve still running?";
        statusLine.className = "try-status failed";
      } finally {
        send.disabled = false;
      }
    }

    send.addEventListener("click", sendIt);
    if (editor) {
      editor.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          sendIt();
        }
      });
    }
    return part;
  }

  function operationSection(document_, method, path, operation) {
    const section = element("section", null, "panel operation");
    section.id = anchor(operation, method, path);
    const title = element("h3", null, "operation-title");
    append(title, element("span", method.toUpperCase(), "method method-" + method),
           element("code", path, "path"));
    section.appendChild(title);
    if (operation.summary) { section.appendChild(element("p", operation.summary, "summary")); }
    if (operation.description) {
      section.appendChild(element("p", operation.description, "facts"));
    }
    append(section, requestPart(document_, operation), responsesPart(document_, operation),
           tryPart(method, path, operation));
    return section;
  }

  // -- start -----------------------------------------------------------------------------

  function draw(document_) {
    const info = document_.info || {};
    if (info.description) { $("api-description").textContent = info.description; }
    $("version").textContent = info.version || "";
    const list = $("toc-list");
    const operations = $("operations");
    $("docs-status").remove();
    for (const [path, item] of Object.entries(document_.paths || {})) {
      for (const method of METHODS.filter((name) => item[name])) {
        const operation = item[method];
        const section = operationSection(document_, method, path, operation);
        operations.appendChild(section);
        const link = element("a", null);
        link.href = "#" + section.id;
        append(link, element("span", method.toUpperCase(), "method method-" + method),
               element("span", " " + path, "path"));
        const entry = append(element("li"), link);
        if (operation.summary) { entry.title = operation.summary; }
        list.appendChild(entry);
      }
    }
  }

  async function start() {
    let document_;
    try {
      const response = await fetch("/v1/openapi.json", { headers: { Accept: "application/json" } });
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      document_ = await response.json();
    } catch (error) {
      $("docs-status").textContent = "The server's OpenAPI document (/v1/openapi.json) " +
        "cannot be read: is cadence serve still running?";
      $("docs-status").className = "facts failed";
      return;
    }
    draw(document_);
    // the page was drawn after the browser looked for the address's #operation
    if (window.location.hash) {
      const target = document.getElementById(window.location.hash.slice(1));
      if (target) { target.scrollIntoView(); }
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
