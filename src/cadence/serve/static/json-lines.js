// Where each value of a JSON text starts: JSON Pointer -> line number (1-based), so a
// problem the API reports at "/schedule/days/2" can point at the line that holds it.
// A reader of its own because JSON.parse keeps no positions; on text that is not JSON it
// returns what it found before the fault (the API reports the fault itself).
"use strict";

(function () {
  function escapePointer(key) {
    return key.replace(/~/g, "~0").replace(/\//g, "~1");
  }

  function linesOf(text) {
    const found = new Map();
    let at = 0;
    let line = 1;

    function skipSpace() {
      while (at < text.length) {
        const c = text[at];
        if (c === "\n") { line += 1; at += 1; }
        else if (c === " " || c === "\t" || c === "\r") { at += 1; }
        else { break; }
      }
    }

    function fail() { throw new Error("not JSON"); }

    function readString() {
      // at is on the opening quote
      at += 1;
      let out = "";
      while (at < text.length) {
        const c = text[at];
        if (c === "\"") { at += 1; return out; }
        if (c === "\n") { fail(); }
        if (c === "\\") {
          const next = text[at + 1];
          const simple = { "\"": "\"", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n",
                           r: "\r", t: "\t" };
          if (next in simple) { out += simple[next]; at += 2; continue; }
          if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.substr(at + 2, 4))) {
            out += String.fromCharCode(parseInt(text.substr(at + 2, 4), 16));
            at += 6;
            continue;
          }
          fail();
        }
        out += c;
        at += 1;
      }
      fail();
      return out;
    }

    function readValue(pointer, depth) {
      if (depth > 64) { fail(); }  // cadence refuses deeper payloads anyway
      skipSpace();
      found.set(pointer, line);
      const c = text[at];
      if (c === "{") {
        at += 1;
        skipSpace();
        if (text[at] === "}") { at += 1; return; }
        for (;;) {
          skipSpace();
          if (text[at] !== "\"") { fail(); }
          const keyLine = line;
          const key = readString();
          skipSpace();
          if (text[at] !== ":") { fail(); }
          at += 1;
          const child = pointer + "/" + escapePointer(key);
          readValue(child, depth + 1);
          found.set(child, keyLine);  // the line that names the member
          skipSpace();
          if (text[at] === ",") { at += 1; continue; }
          if (text[at] === "}") { at += 1; return; }
          fail();
        }
      }
      if (c === "[") {
        at += 1;
        skipSpace();
        if (text[at] === "]") { at += 1; return; }
        for (let index = 0; ; index += 1) {
          readValue(pointer + "/" + index, depth + 1);
          skipSpace();
          if (text[at] === ",") { at += 1; continue; }
          if (text[at] === "]") { at += 1; return; }
          fail();
        }
      }
      if (c === "\"") { readString(); return; }
      const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/
        .exec(text.slice(at, at + 400));
      if (!literal) { fail(); }
      at += literal[0].length;
    }

    try {
      readValue("", 0);
    } catch (error) {
      // keep what was found before the fault
    }
    return found;
  }

  // The line of the deepest value at or above pointer (a missing member's parent).
  function lineOf(lines, pointer) {
    let at = pointer;
    for (;;) {
      if (lines.has(at)) { return lines.get(at); }
      if (at === "") { return null; }
      at = at.slice(0, at.lastIndexOf("/"));
    }
  }

  window.cadenceJsonLines = { linesOf: linesOf, lineOf: lineOf };
})();
