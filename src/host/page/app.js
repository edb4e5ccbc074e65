// The student's page of a live class. Everything shown is set with textContent, never parsed
// as HTML, so nothing a classmate types can run here. The seat token is kept in localStorage so
// that a reload, a locked phone or a lost connection comes back to the same seat.
"use strict";

const screen = document.getElementById("screen");
const notice = document.getElementById("notice");
const who = document.getElementById("who");
const title = document.querySelector("header h1");
const params = new URLSearchParams(location.search);

let socket = null;
let code = (params.get("code") || localStorage.getItem("quiz-code") || "").toUpperCase();
let token = code ? localStorage.getItem("quiz-seat:" + code) : null;
let state = null;
let retry = 1000;
let finished = false;
let pendingJoin = null;
// What the student has picked but not sent, by question number: kept across redraws, and in
// the tab's sessionStorage across a reload.
const drafts = new Map(savedDrafts());
let shownKey = null;
let shownPlace = null;
let deadline = null;
let quizDeadline = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child == null) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// The close code of a page whose seat was opened in another tab or on another device.
const REPLACED = 4001;

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(scheme + "://" + location.host + "/ws");
  socket.onopen = () => {
    retry = 1000;
    notice.textContent = "";
    if (token) send({ type: "rejoin", code, token });
    else if (pendingJoin) send(pendingJoin);
  };
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = (event) => {
    socket = null;
    if (finished) return;
    if (event.code === REPLACED) {
      showReplaced();
      return;
    }
    // Not seated and nothing to send: connect again when the student joins.
    if (!token && !pendingJoin) return;
    // A paused class comes back at the same address: the page keeps trying until it does.
    notice.textContent = state && state.phase === "paused"
      ? "Waiting for the class to continue…"
      : "Connection lost; reconnecting…";
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 8000);
  };
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(message));
    return true;
  }
  notice.textContent = "Not connected; trying again…";
  return false;
}

function receive(message) {
  if (message.type === "welcome") {
    token = message.token;
    code = message.code;
    pendingJoin = null;
    localStorage.setItem("quiz-code", code);
    localStorage.setItem("quiz-seat:" + code, token);
    notice.textContent = "";
  } else if (message.type === "error") {
    notice.textContent = message.message;
    // A join that was refused is not sent again on reconnecting.
    if (!token) pendingJoin = null;
    if (!state && token) {
      // The seat is gone (another class, or removed): join afresh.
      localStorage.removeItem("quiz-seat:" + code);
      token = null;
      showJoin();
    }
  } else if (message.type === "answered") {
    // The answer is taken: only it and its confidence change on the page.
    if (state && state.question && state.question.number === message.question) {
      state.answer = message.answer;
      state.confidence = message.confidence;
      render();
    }
  } else if (message.type === "state") {
    state = message;
    if (state.title) title.textContent = state.title;
    // A self-paced timer is the whole quiz's, not each question's.
    quizDeadline = state.quiz_time_left != null ? Date.now() + state.quiz_time_left * 1000 : null;
    render();
  }
}

function showReplaced() {
  const again = el("button", { type: "button" }, "Use this page");
  again.addEventListener("click", () => {
    notice.textContent = "";
    connect();
  });
  notice.textContent = "";
  screen.replaceChildren(el("section", { className: "card" },
    el("h2", {}, "Your seat is open in another tab or on another device."),
    el("p", {}, "Answer there, or come back to this page."), again));
  shownKey = null;
}

function showJoin() {
  screen.replaceChildren();
  const form = el("form", { id: "join", className: "card" },
    el("h2", {}, "Join the class"),
    el("label", { htmlFor: "code" }, "Class code"),
    el("input", { id: "code", value: code, autocomplete: "off", maxLength: 12, required: true }),
    el("label", { htmlFor: "name" }, "Your name"),
    el("input", { id: "name", autocomplete: "nickname", maxLength: 40, required: true }),
    el("button", { type: "submit" }, "Join"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    code = form.querySelector("#code").value.trim().toUpperCase();
    pendingJoin = { type: "join", code, name: form.querySelector("#name").value };
    if (!socket) connect();
    else if (socket.readyState === WebSocket.OPEN) send(pendingJoin);
  });
  screen.append(form);
  form.querySelector(code ? "#name" : "#code").focus();
}

function render() {
  // No score in an exam until its end: the host sends none.
  const scored = state.score == null ? "" : " · " + points(state.score);
  who.textContent = state.name + scored + " · " + state.students + " in class";
  const q = state.question;
  const story = state.story;
  const key = [state.phase, q && q.number, q && q.open, JSON.stringify(state.answer), state.confidence, !!state.result,
    JSON.stringify(story && story.followed)].join("|");
  if (key === shownKey && state.phase === "question") return;
  shownKey = key;
  screen.replaceChildren();
  // A new question, its reveal or the end starts at the top of the page, where it is shown.
  const place = state.phase + "|" + (q ? q.number : "");
  if (place !== shownPlace) {
    shownPlace = place;
    window.scrollTo(0, 0);
  }
  if (state.phase === "lobby") {
    screen.append(el("section", { className: "card" },
      el("h2", {}, "You're in, " + state.name + "."),
      state.title ? el("p", { className: "prompt" }, state.title) : null,
      el("p", {}, "Wait for the teacher to start. " + state.students + " in the class.")));
  } else if (state.phase === "question" || state.phase === "revealed") {
    // Once revealed, the verdict comes first: it is what the student looks up to see.
    if (state.result) renderResult(state.result, !!story);
    // In a branching scenario, what happens next: the story is the news of the reveal.
    if (story && story.followed) renderFollowed(story.followed);
    renderQuestion(q);
    if (state.leaderboard) renderBoard(state.leaderboard);
    // Self-paced: on after the feedback, or (in an exam, which gives none) once an answer is in;
    // a question of a quiz (not a story's decision) may also be skipped and come back to.
    const answered = state.phase === "revealed" || state.answer;
    if (state.self_paced && (answered || !story)) {
      const next = el("button", { type: "button", className: answered ? "" : "secondary" },
        story ? "Go on" : answered ? "Next question" : "Skip for now");
      next.addEventListener("click", () => send({ type: "next" }));
      screen.append(next);
    }
    // Self-paced questions (not a story's decisions) can be gone back to.
    if (state.self_paced && !story && q && q.number > 1) screen.append(goTo(q.number - 1, "Previous question"));
  } else if (state.phase === "done" && story) {
    if (story.ending) renderEnding(story.ending);
    screen.append(el("section", { className: "card" },
      el("h2", {}, "You have reached the end of the story."),
      el("p", {}, "Your decisions are in. Wait for the teacher to end the class.")));
    if (state.summary) renderSummary(state.summary, true);
  } else if (state.phase === "done" && state.review) {
    renderHandIn(state.review);
  } else if (state.phase === "done") {
    screen.append(el("section", { className: "card" },
      el("h2", {}, state.handed_in ? "Your answers are handed in."
        : state.quiz_time_left === 0 ? "Your time is up." : "You have answered every question."),
      el("p", {}, "Your answers are in. Wait for the teacher to end the class.")));
    if (state.summary) renderSummary(state.summary);
    if (!state.handed_in && state.self_paced && !story) screen.append(goTo(1, "Go back to question 1"));
  } else if (state.phase === "paused") {
    screen.append(el("section", { className: "card" },
      el("h2", {}, "The class is paused."),
      el("p", {}, "Your answers are saved. Keep this page open: it comes back by itself when the teacher continues the class.")));
  } else if (state.phase === "ended") {
    finished = true;
    screen.append(el("section", { className: "card" },
      el("h2", {}, "The class is over."),
      el("p", {}, "Thank you for taking part. You can close this page.")));
    if (story && story.ending) renderEnding(story.ending);
    renderSummary(state.summary, !!story);
    if (state.leaderboard) renderBoard(state.leaderboard);
  } else if (state.phase === "removed") {
    finished = true;
    localStorage.removeItem("quiz-seat:" + code);
    screen.append(el("section", { className: "card" }, el("h2", {}, "The teacher removed you from the class.")));
  }
}

function renderQuestion(q) {
  if (q.scenario) {
    screen.append(el("section", { className: "card scenario" },
      el("h2", {}, q.scenario.title), el("p", {}, q.scenario.text)));
  }
  const card = el("form", { className: "card question" });
  // A decision of a branching scenario has no total: where the story goes is not known yet.
  const where = q.total ? "Question " + q.number + " of " + q.total : "Decision " + q.number;
  const meta = el("p", { className: "meta" }, where + " · " + points(q.points));
  card.append(meta, el("p", { className: "prompt", id: "prompt" }, q.prompt));
  if (q.open && q.time_limit) {
    deadline = deadline && deadline.number === q.number ? deadline : { number: q.number, at: Date.now() + q.time_limit * 1000 };
    meta.append(" · ", el("span", { className: "timer", id: "timer" }));
    tick();
  } else if (q.open && quizDeadline != null) {
    meta.append(" · ", el("span", { className: "timer", id: "timer" }));
    tick();
  }
  // Once closed, the question shows what was sent, not a pick that never went.
  const draft = q.open && drafts.has(q.number) ? drafts.get(q.number) : fromAnswer(q, state.answer);
  const fields = el("fieldset", { disabled: !q.open });
  fields.append(el("legend", { className: "meta" }, hint(q.kind)));
  inputs(q, draft, fields);
  card.append(fields);
  if (q.open) {
    // Said beside the button, where the student is looking when it is pressed too soon.
    const problem = el("p", { className: "problem" });
    problem.setAttribute("role", "alert");
    card.append(problem, state.asks_confidence
      ? sendWithConfidence()
      : el("button", { type: "submit" }, state.answer ? "Change my answer" : "Send answer"));
    const clear = () => { problem.textContent = ""; };
    card.addEventListener("change", clear);
    card.addEventListener("input", clear);
    if (state.answer) card.append(el("p", { className: "sent" }, "Answer sent. You can change it until the question closes."));
    card.addEventListener("submit", (event) => {
      event.preventDefault();
      const response = toResponse(q, drafts.has(q.number) ? drafts.get(q.number) : draft);
      if (!response) { problem.textContent = hint(q.kind, true); return; }
      problem.textContent = "";
      const sure = event.submitter && Number(event.submitter.value);
      send(sure ? { type: "answer", question: q.number, response, confidence: sure }
        : { type: "answer", question: q.number, response });
    });
  } else if (!state.result) {
    card.append(el("p", { className: "meta" }, state.answer ? "Answer in. Wait for the reveal." : "This question is closed."));
  }
  screen.append(card);
}

const CONFIDENCE = ["guessing", "fairly sure", "certain"];

// In a class that asks how sure students are: one send button per level, the one said last
// marked as pressed, so that saying how sure is part of sending and never a step to forget.
function sendWithConfidence() {
  const group = el("div", { className: "sure" });
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", "sure-label");
  group.append(el("p", { className: "meta", id: "sure-label" },
    state.answer ? "Change my answer — how sure are you?" : "How sure are you? Send with one:"));
  CONFIDENCE.forEach((name, i) => {
    const button = el("button", { type: "submit", value: String(i + 1) }, (i + 1) + " · " + name);
    button.setAttribute("aria-pressed", String(state.confidence === i + 1));
    group.append(button);
  });
  if (state.confidence) group.append(el("p", { className: "sent" }, "Sent as " + CONFIDENCE[state.confidence - 1] + "."));
  return group;
}

// What to do, or (`missing`) what is still to do before the answer can go.
function hint(kind, missing) {
  if (missing) {
    return {
      single: "Pick one answer first.", multiple: "Pick at least one answer first.",
      true_false: "Pick true or false first.", short: "Type an answer first.", numeric: "Type a number first.",
      match: "Pick a match for every item first.",
    }[kind] || "Pick or type an answer first.";
  }
  return {
    single: "Pick one.", multiple: "Pick all that apply.", true_false: "True or false?",
    short: "Type a short answer.", numeric: "Type a number.", order: "Put them in order: move items up or down.",
    match: "Match each item.",
  }[kind] || "";
}

// The draft in the page's own terms, from the answer the host holds.
function fromAnswer(q, answer) {
  if (q.kind === "order") return answer ? answer.value.slice() : q.options.map((_, i) => i);
  if (q.kind === "match") return answer ? answer.value.slice() : q.options.map(() => -1);
  if (!answer) return q.kind === "multiple" ? [] : null;
  if (q.kind === "numeric") return String(answer.value);
  return answer.value;
}

function setDraft(q, value) {
  drafts.set(q.number, value);
  try {
    sessionStorage.setItem("quiz-drafts:" + code, JSON.stringify(Object.fromEntries(drafts)));
  } catch (_) {
    // Storage full or off: the draft still lives until the page is closed.
  }
}

function savedDrafts() {
  try {
    const saved = JSON.parse(sessionStorage.getItem("quiz-drafts:" + code) || "{}");
    return Object.entries(saved).map(([number, value]) => [Number(number), value]);
  } catch (_) {
    return [];
  }
}

function inputs(q, draft, box) {
  const name = "q" + q.number;
  if (q.kind === "single" || q.kind === "true_false") {
    const labels = q.kind === "single" ? q.options : ["True", "False"];
    labels.forEach((text, i) => {
      const value = q.kind === "single" ? i : i === 0;
      const input = el("input", { type: "radio", name, checked: draft === value });
      input.addEventListener("change", () => setDraft(q, value));
      box.append(el("label", { className: "choice" }, input, el("span", {}, text)));
    });
  } else if (q.kind === "multiple") {
    const picked = new Set(draft || []);
    q.options.forEach((text, i) => {
      const input = el("input", { type: "checkbox", name, checked: picked.has(i) });
      input.addEventListener("change", () => {
        input.checked ? picked.add(i) : picked.delete(i);
        setDraft(q, [...picked].sort((a, b) => a - b));
      });
      box.append(el("label", { className: "choice" }, input, el("span", {}, text)));
    });
  } else if (q.kind === "short" || q.kind === "numeric") {
    const id = "typed" + q.number;
    const label = q.kind === "numeric" && q.unit ? "Your answer (" + q.unit + ")" : "Your answer";
    const input = el("input", { id, value: draft || "", maxLength: 1000, autocomplete: "off" });
    if (q.kind === "numeric") input.inputMode = "decimal";
    input.addEventListener("input", () => setDraft(q, input.value));
    box.append(el("label", { htmlFor: id }, label), input);
  } else if (q.kind === "order") {
    const list = el("ol", { className: "order" });
    draft.forEach((item, place) => {
      const up = el("button", { type: "button", className: "small", disabled: place === 0 }, "↑");
      const down = el("button", { type: "button", className: "small", disabled: place === draft.length - 1 }, "↓");
      up.setAttribute("aria-label", "Move up: " + q.options[item]);
      down.setAttribute("aria-label", "Move down: " + q.options[item]);
      const move = (by) => {
        const next = draft.slice();
        [next[place], next[place + by]] = [next[place + by], next[place]];
        setDraft(q, next);
        shownKey = null;
        render();
        screen.querySelectorAll("ol.order li")[place + by].querySelector(by < 0 ? "button" : "button:last-child").focus();
      };
      up.addEventListener("click", () => move(-1));
      down.addEventListener("click", () => move(1));
      list.append(el("li", {}, el("span", {}, (place + 1) + ". " + q.options[item]), up, down));
    });
    box.append(list);
  } else if (q.kind === "match") {
    q.options.forEach((left, i) => {
      const id = "pair" + q.number + "-" + i;
      const select = el("select", { id });
      select.append(el("option", { value: "-1" }, "— pick —"));
      q.targets.forEach((right, j) => select.append(el("option", { value: String(j), selected: draft[i] === j }, right)));
      select.addEventListener("change", () => {
        const next = (drafts.get(q.number) || draft).slice();
        next[i] = Number(select.value);
        setDraft(q, next);
      });
      box.append(el("div", { className: "pair" }, el("label", { htmlFor: id }, left), select));
    });
  }
}

function toResponse(q, draft) {
  switch (q.kind) {
    case "single": return draft == null ? null : { kind: "choice", value: draft };
    case "true_false": return draft == null ? null : { kind: "bool", value: draft };
    case "multiple": return draft && draft.length ? { kind: "choices", value: draft } : null;
    case "short": return draft && draft.trim() ? { kind: "text", value: draft } : null;
    case "numeric": return draft && draft.trim() ? { kind: "text", value: draft } : null;
    case "order": return { kind: "order", value: draft };
    case "match": return draft.every((j) => j >= 0) ? { kind: "match", value: draft } : null;
  }
  return null;
}

function renderResult(r, decision) {
  const judged = { best: "◆ Best decision", acceptable: "◇ Acceptable decision", poor: "✘ Poor decision" }[r.quality];
  const title = judged || { right: "✔ Right", partial: "◐ Partly right", wrong: "✘ Wrong", unanswered: "No answer" }[r.verdict];
  const card = el("section", { className: "card result " + r.verdict },
    el("h2", { className: "verdict" }, title),
    el("p", { className: "meta" }, score(r.earned, r.max)));
  if (r.your_answer != null) card.append(el("p", {}, el("strong", {}, decision ? "You decided: " : "You answered: "), r.your_answer));
  card.append(el("p", {}, el("strong", {}, decision ? "Best decision: " : "Correct answer: "), r.correct));
  for (const why of r.why) card.append(el("p", {}, why));
  if (r.explanation) card.append(el("p", {}, el("strong", {}, "Why: "), r.explanation));
  card.append(el("p", { className: "source" }, r.source));
  screen.append(card);
}

// The decision the story follows and what happens then.
function renderFollowed(f) {
  const who = { majority: "The class chose: ", teacher: "The teacher chose: ", you: "You chose: " }[f.by];
  const card = el("section", { className: "card story" },
    el("h2", {}, "What happens"),
    el("p", {}, el("strong", {}, who), f.choice),
    el("p", { className: "consequence" }, f.consequence));
  if (f.quality) card.append(el("p", { className: "meta" }, "That was " + (f.quality === "acceptable" ? "an " : "a ") + f.quality + " decision."));
  card.append(el("p", { className: "source" }, f.source));
  screen.append(card);
}

function renderEnding(e) {
  const card = el("section", { className: "card story ending" },
    el("h2", {}, "Ending: " + e.title),
    el("p", {}, e.text));
  if (e.rating) card.append(el("p", { className: "meta" }, "Rating: " + e.rating + " ending"));
  if (e.debrief) card.append(el("p", {}, el("strong", {}, "Debrief: "), e.debrief));
  if (e.source) card.append(el("p", { className: "source" }, e.source));
  screen.append(card);
}

function renderBoard(board) {
  // Equal points share a place, so the places are written out rather than counted by the list.
  const list = el("ol", { className: "board" });
  for (const s of board.top) list.append(el("li", {}, s.place + ". " + s.name + " · " + points(s.score)));
  screen.append(el("section", { className: "card" }, el("h2", {}, "Leaderboard"), list,
    el("p", { className: "meta" }, "Your place: " + board.place)));
}

function renderSummary(s, decisions) {
  const counted = decisions
    ? "You took " + s.answered + (s.answered === 1 ? " decision." : " decisions.")
    : "You answered " + s.answered + " of " + s.total + (s.total === 1 ? " question." : " questions.");
  const card = el("section", { className: "card" },
    el("h2", {}, "Your score: " + score(s.score, s.max)), el("p", {}, counted));
  if (s.certainty) {
    card.append(el("p", {}, "Certainty-based marks: " + round(s.certainty.marks) + " of " + round(s.certainty.best) +
      " (right 1, 2 or 3 × points as you were guessing, fairly sure or certain; wrong 0, −2 or −6 ×)"));
  }
  if (s.missed_for_anki) card.append(saveMissed(s.missed_for_anki, s.missed_as_bank));
  if (s.questions.length) {
    // Every question again, each with what the student answered beside the right answer: the
    // misses first, where there is something to learn.
    const missed = s.questions.filter((q) => q.verdict !== "right");
    const right = s.questions.filter((q) => q.verdict === "right");
    if (missed.length) card.append(el("h3", {}, "To review"));
    for (const q of missed) card.append(reviewed(q));
    if (right.length) card.append(el("h3", {}, "Answered right"));
    for (const q of right) card.append(reviewed(q));
  }
  screen.append(card);
}

// A button that takes a self-paced student to question `number`.
function goTo(number, label) {
  const button = el("button", { type: "button", className: "secondary" }, label);
  button.addEventListener("click", () => send({ type: "go_to", question: number }));
  return button;
}

// A self-paced exam past its last question: each question answered or not, a way back to each,
// and "Hand in", after which nothing changes.
function renderHandIn(review) {
  const open = review.filter((q) => !q.answered).length;
  const card = el("section", { className: "card" },
    el("h2", {}, "Check your answers, then hand in"),
    el("p", {}, open ? open + (open === 1 ? " question has" : " questions have") + " no answer yet." : "Every question has an answer."));
  const list = el("ul", { className: "review" });
  for (const q of review) {
    const item = el("li", {}, el("span", {}, q.number + ". " + q.prompt + " — " + (q.answered ? "answered" : "no answer")));
    item.append(goTo(q.number, "Go to question " + q.number));
    list.append(item);
  }
  const handIn = el("button", { type: "button" }, "Hand in: my answers are final");
  handIn.addEventListener("click", () => send({ type: "hand_in" }));
  card.append(list, handIn);
  screen.append(card);
}

// The questions missed, as a file for Anki (File › Import), kept on the student's own device.
// The missed questions to keep: a file Anki imports, and the same questions as a bank that
// `quiz play` and `quiz review` take.
function saveMissed(anki, bank) {
  const file = "missed-questions-" + (state.name || "quiz");
  const save = (text, ext, type, label) => {
    const link = el("a", { className: "save", download: file + ext }, label);
    link.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    return link;
  };
  const p = el("p", {}, save(anki, ".txt", "text/plain", "Save my missed questions (for Anki)"));
  if (bank) p.append(" ", save(bank, ".yaml", "application/yaml", "Save them as a quiz bank (for quiz play)"));
  return p;
}

function reviewed(q) {
  const verdict = { right: "✔ Right", partial: "◐ Partly right", wrong: "✘ Wrong", unanswered: "No answer" }[q.verdict];
  const item = el("div", { className: "missed" },
    el("p", { className: "prompt" }, q.number + ". " + q.prompt),
    el("p", { className: "meta" }, verdict + " · " + score(q.earned, q.max)));
  if (q.your_answer != null) item.append(el("p", {}, el("strong", {}, "You answered: "), q.your_answer));
  item.append(el("p", {}, el("strong", {}, "Correct answer: "), q.correct));
  if (q.explanation) item.append(el("p", {}, el("strong", {}, "Why: "), q.explanation));
  item.append(el("p", { className: "source" }, q.source));
  return item;
}

function round(p) {
  return Math.round(p * 100) / 100;
}

function points(p) {
  const n = round(p);
  return n + (n === 1 ? " point" : " points");
}

// "2 of 3 points": what was earned out of what could be.
function score(earned, max) {
  return round(earned) + " of " + points(max);
}

function tick() {
  const timer = document.getElementById("timer");
  if (!timer) return;
  if (quizDeadline != null) {
    const left = Math.max(0, Math.ceil((quizDeadline - Date.now()) / 1000));
    const clock = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    timer.textContent = clock + " left for the whole quiz";
    return;
  }
  if (!deadline) return;
  const left = Math.max(0, Math.ceil((deadline.at - Date.now()) / 1000));
  timer.textContent = left + " s left";
}
setInterval(tick, 500);

if (token) {
  screen.replaceChildren(el("p", { className: "card" }, "Coming back to your seat…"));
} else {
  showJoin();
}
// A page without a seat connects when the student joins: the host closes a connection that
// has not joined within half a minute.
if (token) connect();
