// The board of a live class, for the projector. It watches the class over the same websocket
// the students' pages use. Opened with the teacher key (the link the host prints, `#key=…`), it
// also runs the class. The key is taken out of the address bar at once, so the projector never
// shows it, and kept for this tab only (sessionStorage) so that a reload keeps the buttons.
// Everything shown is set with textContent, never parsed as HTML.
"use strict";

const board = document.getElementById("board");
const notice = document.getElementById("notice");
const titleLine = document.getElementById("title");
const joinStrip = document.getElementById("join-strip");
const controls = document.getElementById("controls");
const params = new URLSearchParams(location.search);

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("key")) {
  sessionStorage.setItem("quiz-board-key", fragment.get("key"));
  history.replaceState(null, "", location.pathname + location.search);
}
const key = sessionStorage.getItem("quiz-board-key");
let code = (params.get("code") || "").toUpperCase();
let socket = null;
let retry = 1000;
let refused = false;
let watching = null;
let view = null;
let deadline = null;
let endArmed = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child == null) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(scheme + "://" + location.host + "/ws");
  socket.onopen = () => {
    retry = 1000;
    notice.textContent = "";
    socket.send(JSON.stringify(key ? { type: "watch", key } : { type: "watch", code }));
  };
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = () => {
    socket = null;
    if (refused || (view && view.phase === "ended")) return;
    notice.textContent = "Connection lost; reconnecting…";
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 8000);
  };
}

function receive(message) {
  if (message.type === "watching") {
    watching = message;
    titleLine.textContent = message.title || "Live class";
    document.title = (message.title || "Live class") + " · board";
    controls.hidden = !message.control;
  } else if (message.type === "board") {
    view = message.view;
    deadline = message.time_left != null ? Date.now() + message.time_left * 1000 : null;
    draw();
  } else if (message.type === "error") {
    notice.textContent = message.message;
    // Refused before watching (a wrong code or key): trying again would count as a guess.
    if (!watching) {
      refused = true;
      if (socket) socket.close();
    }
  }
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  else notice.textContent = "Not connected; trying again…";
}

function draw() {
  board.replaceChildren();
  const lobby = view.phase === "lobby";
  joinStrip.replaceChildren();
  if (!lobby) {
    joinStrip.append("Join at " + watching.link + " · code ", el("strong", {}, watching.code));
  }
  if (lobby) drawLobby();
  else if (view.phase === "question" || view.phase === "revealed") drawQuestion();
  else if (view.phase === "self_paced") {
    board.append(el("section", { className: "panel" },
      el("p", { className: "big" }, "Each student goes through the questions at their own pace."),
      el("p", { className: "big" }, view.finished + " of " + plural(view.students, "student") + " finished")));
  } else if (view.phase === "paused") {
    board.append(el("section", { className: "panel" }, el("p", { className: "big" }, "The class is paused.")));
  } else if (view.phase === "ended") drawEnd();
  drawControls();
  tick();
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

function drawLobby() {
  const img = el("img", {
    className: "qr",
    alt: "QR code of the link to join: " + watching.link,
    src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(watching.qr),
  });
  const names = el("ul", { className: "names", ariaLabel: "Students who joined" });
  for (const name of view.names) names.append(el("li", {}, name));
  board.append(el("section", { className: "lobby panel" },
    img,
    el("div", {},
      el("p", { className: "link" }, "Join at ", el("strong", {}, watching.link)),
      el("p", {}, "Class code"),
      el("p", { className: "code" }, watching.code),
      el("h2", {}, plural(view.students, "student") + " in the class"),
      names)));
}

function drawQuestion() {
  const q = view.question;
  if (!q) return;
  const heading = q.total > 0 ? "Question " + q.number + " of " + q.total : "Decision " + q.number;
  const meta = el("p", { className: "meta" }, el("span", {}, heading));
  if (view.phase === "question") {
    if (deadline != null) meta.append(el("span", { className: "timer", id: "timer" }));
    meta.append(el("span", { className: "count" }, view.answered + " of " + view.students + " answered"));
  } else {
    meta.append(el("span", { className: "count" }, view.answered + " of " + view.students + " answered"));
  }
  board.append(meta);
  // At the reveal the room reads the bars and the answer: the scenario has been read.
  if (q.scenario && view.phase === "question") {
    const scenario = el("section", { className: "panel scenario" }, el("h2", {}, q.scenario.title));
    for (const part of paragraphs(q.scenario.text)) scenario.append(el("p", {}, part));
    board.append(scenario);
  }
  board.append(el("p", { className: "prompt" }, q.prompt));
  if (view.phase === "revealed" && view.reveal) drawReveal(view.reveal);
  else drawChoices(q);
}

// Blank lines part paragraphs; single line breaks inside one are the bank's wrapping.
function paragraphs(text) {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
}

function letter(i) {
  return String.fromCharCode(65 + i);
}

function drawChoices(q) {
  if (q.kind === "true_false") {
    board.append(el("ol", { className: "choices" }, el("li", {}, "True"), el("li", {}, "False")));
    return;
  }
  if (q.options.length === 0) return;
  const list = el("ol", { className: "choices" });
  q.options.forEach((option, i) => {
    const lead = q.kind === "single" || q.kind === "multiple" ? letter(i) : String(i + 1) + ".";
    list.append(el("li", {}, el("span", { className: "letter" }, lead), option));
  });
  board.append(list);
  if (q.targets.length > 0) {
    const targets = el("ol", { className: "choices" });
    q.targets.forEach((t) => targets.append(el("li", {}, t)));
    board.append(el("h2", {}, "Match with"), targets);
  }
}

function drawReveal(reveal) {
  const most = Math.max(1, ...reveal.bars.map((b) => b.count));
  const bars = el("ol", { className: "bars", ariaLabel: "How the class answered" });
  for (const bar of reveal.bars) {
    const label = el("span", {});
    if (bar.letter) label.append(el("span", { className: "letter" }, bar.letter));
    label.append(bar.label);
    if (bar.right) label.append(el("span", { className: "tick" }, "✔ right"));
    const fill = el("div", { className: "bar" });
    fill.style.width = (100 * bar.count / most) + "%";
    bars.append(el("li", { className: bar.right ? "right" : "" },
      label, el("div", { ariaHidden: "true" }, fill), el("span", { className: "number" }, bar.count)));
  }
  const answer = el("section", { className: "panel" },
    el("p", { className: "answer" }, "Answer: " + reveal.correct));
  for (const part of paragraphs(reveal.explanation)) answer.append(el("p", {}, part));
  answer.append(el("p", { className: "source" }, reveal.source));
  const side = el("div", {});
  if (view.followed) side.append(followed(view.followed));
  side.append(answer);
  if (view.leaderboard) side.append(leaders(view.leaderboard, "Leaderboard"));
  board.append(el("div", { className: "reveal" },
    el("div", {}, bars, el("p", { className: "meta" }, "No answer: " + reveal.no_answer)),
    side));
}

// A branching scenario: the decision the story follows, and what happens then.
function followed(f) {
  const who = f.by === "teacher" ? "The teacher chose: " : "The class chose: ";
  const card = el("section", { className: "panel story" },
    el("h2", {}, "What happens"), el("p", { className: "answer" }, who + f.choice));
  for (const part of paragraphs(f.consequence)) card.append(el("p", {}, part));
  card.append(el("p", { className: "source" }, f.source));
  return card;
}

function ending(e) {
  const card = el("section", { className: "panel story" }, el("h2", {}, "Ending: " + e.title));
  for (const part of paragraphs(e.text)) card.append(el("p", {}, part));
  if (e.rating) card.append(el("p", { className: "answer" }, "Rating: " + e.rating + " ending"));
  if (e.debrief) card.append(el("p", {}, "Debrief: " + e.debrief));
  if (e.source) card.append(el("p", { className: "source" }, e.source));
  return card;
}

function leaders(rows, heading) {
  const list = el("ol", { className: "leaders" });
  for (const row of rows) list.append(el("li", {}, row.place + ". " + row.name + " · " + points(row.score)));
  return el("section", { className: "panel" }, el("h2", {}, heading), list);
}

function points(score) {
  return score + (score === 1 ? " point" : " points");
}

function drawEnd() {
  board.append(el("p", { className: "big" }, "The class is over."));
  if (view.ending) board.append(ending(view.ending));
  if (!view.leaderboard) return;
  const podium = el("ol", { className: "podium", ariaLabel: "Podium" });
  // Second, first, third from left to right, as a podium stands; ties share a step.
  const top = view.leaderboard.filter((row) => row.place <= 3);
  for (const place of [2, 1, 3]) {
    const here = top.filter((row) => row.place === place);
    if (here.length === 0) continue;
    podium.append(el("li", { className: "place-" + place },
      el("span", { className: "place" }, ordinal(place)),
      here.map((row) => row.name).join(", "),
      el("br"), points(here[0].score)));
  }
  board.append(podium);
  const rest = view.leaderboard.filter((row) => row.place > 3);
  if (rest.length > 0) board.append(leaders(rest, "Leaderboard"));
}

function ordinal(place) {
  return ["", "1st", "2nd", "3rd"][place];
}

function drawControls() {
  if (controls.hidden) return;
  const phase = view.phase;
  document.getElementById("start").disabled = phase !== "lobby";
  document.getElementById("reveal").disabled = phase !== "question";
  document.getElementById("next").disabled = phase !== "revealed";
  document.getElementById("end").disabled = phase === "ended" || phase === "paused";
}

function tick() {
  const timer = document.getElementById("timer");
  if (!timer || deadline == null) return;
  timer.textContent = Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) + " s left";
}
setInterval(tick, 1000);

for (const word of ["start", "reveal", "next"]) {
  document.getElementById(word).addEventListener("click", () => send({ type: "control", command: word }));
}
// Ending is for good: the button asks once more.
const endButton = document.getElementById("end");
endButton.addEventListener("click", () => {
  if (endArmed) {
    clearTimeout(endArmed);
    endArmed = null;
    endButton.textContent = "End";
    send({ type: "control", command: "end" });
    return;
  }
  endButton.textContent = "End the class? Press again";
  endArmed = setTimeout(() => {
    endArmed = null;
    endButton.textContent = "End";
  }, 5000);
});

document.getElementById("watch").addEventListener("submit", (event) => {
  event.preventDefault();
  code = document.getElementById("code").value.trim().toUpperCase();
  refused = false;
  connect();
});

if (key || code) {
  board.replaceChildren(el("p", {}, "Connecting…"));
  connect();
}
