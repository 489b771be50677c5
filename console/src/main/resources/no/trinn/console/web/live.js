// Trinn console: the live view. Follows /api/live/events (Server-Sent Events) and renders each update with
// textContent only (nothing from the session is ever parsed as HTML).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("live");
  if (!root) { return; }
  var id = root.dataset.session;
  var status = document.getElementById("live-status");
  var transcript = document.getElementById("transcript");
  var alerts = document.getElementById("alerts");
  var decisions = document.querySelector("#decisions tbody");
  var behaviour = document.querySelector("#behaviour tbody");
  var turns = 0;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function line(cls, who, words) {
    var li = document.createElement("li");
    li.className = cls;
    li.appendChild(text("strong", who + ": "));
    li.appendChild(document.createTextNode(words));
    transcript.appendChild(li);
    transcript.scrollTop = transcript.scrollHeight;
  }
  function time(at) {
    var d = new Date(at);
    return isNaN(d) ? "" : d.toLocaleTimeString();
  }
  function item(e) {
    switch (e.type) {
      case "opened":
        line("character", "Character", e.line);
        document.getElementById("state-now").textContent = e.state;
        break;
      case "turn":
        turns = Math.max(turns, e.index + 1);
        line("client", "Client", e.client === "" ? "(silence)" : e.client);
        if (e.character !== "") { line("character", "Character", e.character); }
        document.getElementById("state-now").textContent = e.stateAfter;
        document.getElementById("turns-now").textContent = String(turns);
        break;
      case "pause":
        transcript.appendChild(text("li", (e.paused ? "Session paused" : "Session resumed") + " (" + e.reason + ")"
            + " " + time(e.at), "pause"));
        document.getElementById("paused-now").textContent = e.paused ? "yes (" + e.reason + ")" : "no";
        break;
      case "safety":
        transcript.appendChild(text("li", "Safety: " + e.kind + " (severity " + e.severity + ")", "safety"));
        var alert = text("p", "Safety alert at turn " + (e.turn + 1) + ": " + e.kind + ", severity " + e.severity
            + " of 3 (" + e.method + "), " + time(e.at), "alert");
        alerts.appendChild(alert);
        break;
      case "ended":
        transcript.appendChild(text("li", "Session ended (" + e.reason + ")", "ended"));
        break;
    }
  }
  function decision(d) {
    var tr = document.createElement("tr");
    tr.appendChild(text("td", d.scope === "BETWEEN_SESSIONS" ? "after the session" : "after turn " + (d.turn + 1)));
    tr.appendChild(text("td", d.changes));
    tr.appendChild(text("td", d.reason));
    decisions.appendChild(tr);
    if (d.scope === "WITHIN_SESSION") {
      while (behaviour.firstChild) { behaviour.removeChild(behaviour.firstChild); }
      Object.keys(d.after).forEach(function (name) {
        var row = document.createElement("tr");
        row.appendChild(text("td", name));
        row.appendChild(text("td", Number(d.after[name]).toFixed(2)));
        row.dataset.name = name;
        behaviour.appendChild(row);
      });
    }
  }

  var source = new EventSource("/api/live/events?id=" + encodeURIComponent(id));
  source.addEventListener("open", function () {
    if (!status.classList.contains("over")) { status.textContent = "Live: updates appear as they happen."; }
  });
  source.addEventListener("update", function (event) {
    var update = JSON.parse(event.data);
    update.timeline.forEach(item);
    update.decisions.forEach(decision);
    root.dataset.cursor = update.cursor;
    if (update.status !== "active") {
      status.textContent = "The session is over (" + update.status + ").";
      status.classList.add("over");
      source.close();
    }
  });
  source.addEventListener("gone", function () {
    status.textContent = "No such session.";
    source.close();
  });
  source.addEventListener("error", function () {
    if (!status.classList.contains("over")) { status.textContent = "Connection lost; reconnecting..."; }
  });
});
