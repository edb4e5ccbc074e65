//! The web side of a live class: the student page, embedded in the binary, and one websocket per
//! open page. No route can change the class as the teacher does; that is the terminal's alone.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use tokio::sync::watch;

use super::class::Class;
use super::feed::{Feed, Line};
use super::journal::{Entry, Journal};
use super::protocol::{ClientMessage, ServerMessage, StudentView};
use super::teacher;
use super::views::student_view;

/// The largest message a page may send: an answer is a few hundred bytes.
const MESSAGE_LIMIT: usize = 16 * 1024;

/// The websocket's read buffer for one page. A page sends a few hundred bytes at a time, and
/// the buffer is cleared to its full size each time the page is polled for a message (at every
/// change of the class, for every page): the default of 128 KiB made a reveal to 1,000 pages
/// clear 128 MB, and held as much memory. A longer message still fits: the buffer grows to it.
const READ_BUFFER: usize = 4 * 1024;

/// More messages than this in one second from one page and it is disconnected.
const MESSAGES_PER_SECOND: u32 = 20;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");

/// What every connection shares.
pub(crate) struct Shared {
    pub class: Mutex<Class>,
    /// Bumped after every change of the class; each page redraws when its view changed.
    pub changed: watch::Sender<u64>,
    /// Lines for the teacher's terminal.
    pub events: Feed,
    pub journal: Journal,
    /// Pages that have been sent the end or the pause of the class, so that the host waits for
    /// them.
    pub shown_end: AtomicUsize,
    /// Bumped when only one seat's view changed (its answer, its move on): the pages of that
    /// seat redraw, and the hundreds of others in the class are not woken for nothing.
    pub seat_changed: Mutex<HashMap<String, watch::Sender<u64>>>,
}

impl Shared {
    pub(crate) fn class(&self) -> MutexGuard<'_, Class> {
        // A panic while holding the lock leaves the class as it was at the last whole change.
        self.class
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    /// Wakes the pages of one seat.
    fn bump_seat(&self, token: &str) {
        if let Some(sender) = self.seat_senders().get(token) {
            sender.send_modify(|v| *v += 1);
        }
    }

    /// Changes to one seat's view, for a page that sits there.
    fn watch_seat(&self, token: &str) -> watch::Receiver<u64> {
        self.seat_senders()
            .entry(token.to_owned())
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    fn seat_senders(&self) -> MutexGuard<'_, HashMap<String, watch::Sender<u64>>> {
        self.seat_changed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn say(&self, line: impl Into<Line>) {
        self.events.push(line);
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route(
            "/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    SCRIPT,
                )
            }),
        )
        .route(
            "/style.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }),
        )
        .route("/ws", get(upgrade))
        .with_state(shared)
}

async fn page() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(PAGE),
    )
}

async fn upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> impl IntoResponse {
    ws.max_message_size(MESSAGE_LIMIT)
        .max_frame_size(MESSAGE_LIMIT)
        .read_buffer_size(READ_BUFFER)
        .on_upgrade(move |socket| connection(socket, shared))
}

/// One open page, from its first message to its last.
async fn connection(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut changes = shared.changed.subscribe();
    let mut seat_changes: Option<watch::Receiver<u64>> = None;
    let mut seat: Option<String> = None;
    let mut shown: Option<StudentView> = None;
    let mut budget = Budget::new();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        let _ = send(&mut socket, &error("Messages are JSON text.")).await;
                        continue;
                    }
                    Some(Ok(_)) => continue,
                    // Closed, or the message broke the size limit.
                    Some(Err(_)) | None => break,
                };
                if !budget.take() {
                    let _ = send(&mut socket, &error("Too many messages; reload the page to come back.")).await;
                    break;
                }
                let replies = receive(&shared, &mut seat, text.as_str());
                if !send_all(&mut socket, &replies).await {
                    break;
                }
                if seat_changes.is_none() && let Some(token) = &seat {
                    seat_changes = Some(shared.watch_seat(token));
                }
            }
            changed = changes.changed() => {
                if changed.is_err() {
                    break;
                }
            }
            changed = seat_change(&mut seat_changes) => {
                if changed.is_err() {
                    break;
                }
            }
        }
        let Some(token) = &seat else { continue };
        let view = student_view(&shared.class(), token);
        let Some(view) = view else { break };
        if shown.as_ref() != Some(&view) {
            let removed = view.phase == "removed";
            if !send(&mut socket, &ServerMessage::State(Box::new(view.clone()))).await || removed {
                break;
            }
            if view.phase == "ended" || view.phase == "paused" {
                shared.shown_end.fetch_add(1, Ordering::SeqCst);
            }
            shown = Some(view);
        }
    }
    if let Some(token) = seat {
        let line = {
            let mut class = shared.class();
            class.disconnect(&token);
            class
                .seat(&token)
                .map(|s| teacher::left(&s.name, class.connected()))
        };
        if let Some(line) = line {
            shared.say(line);
        }
    }
}

/// Handles one message; returns what to answer the page with.
fn receive(shared: &Shared, seat: &mut Option<String>, text: &str) -> Vec<ServerMessage> {
    let message: ClientMessage = match serde_json::from_str(text) {
        Ok(message) => message,
        Err(_) => {
            return vec![error(
                "That message is not one this class understands (docs/live.md lists them).",
            )];
        }
    };
    let result = match (message, seat.as_deref()) {
        (ClientMessage::Join { code, name }, None) => join(shared, seat, &code, &name),
        (ClientMessage::Rejoin { code, token }, None) => rejoin(shared, seat, &code, &token),
        (ClientMessage::Join { .. } | ClientMessage::Rejoin { .. }, Some(_)) => {
            Err("This page has a seat already.".into())
        }
        (ClientMessage::Answer { question, response }, Some(token)) => {
            answer(shared, token, question, response).map(|()| Vec::new())
        }
        (ClientMessage::Next, Some(token)) => next(shared, token).map(|()| Vec::new()),
        (_, None) => Err("Join the class first.".into()),
    };
    result.unwrap_or_else(|message| vec![error(&message)])
}

fn join(
    shared: &Shared,
    seat: &mut Option<String>,
    code: &str,
    name: &str,
) -> Result<Vec<ServerMessage>, String> {
    let (token, name, line) = {
        let mut class = shared.class();
        let (token, name) = class.join(code, name)?;
        shared.journal.append(
            &class,
            &Entry::Join {
                token: token.clone(),
                name: name.clone(),
            },
        );
        class.connect(&token);
        let line = teacher::joined(&name, class.students());
        (token, name, line)
    };
    shared.say(line);
    shared.bump();
    *seat = Some(token.clone());
    Ok(vec![welcome(shared, token, name)])
}

fn rejoin(
    shared: &Shared,
    seat: &mut Option<String>,
    code: &str,
    token: &str,
) -> Result<Vec<ServerMessage>, String> {
    let (name, line) = {
        let mut class = shared.class();
        let name = class.rejoin(code, token)?;
        class.connect(token);
        let line = teacher::back(&name, class.connected());
        (name, line)
    };
    shared.say(line);
    *seat = Some(token.to_owned());
    Ok(vec![welcome(shared, token.to_owned(), name)])
}

fn welcome(shared: &Shared, token: String, name: String) -> ServerMessage {
    ServerMessage::Welcome {
        token,
        name,
        code: shared.class().code.clone(),
    }
}

fn answer(
    shared: &Shared,
    token: &str,
    number: usize,
    response: crate::engine::Response,
) -> Result<(), String> {
    let line = {
        let mut class = shared.class();
        let seconds = class.seconds_on(token, Instant::now());
        class.answer(token, number, response, seconds)?;
        let index = number - 1;
        let shown = class
            .seat(token)
            .and_then(|s| s.answers().get(&index))
            .map(|g| g.shown.clone())
            .ok_or("The answer was not kept.")?;
        let line = if class.options.self_paced {
            class
                .seat(token)
                .map(|seat| teacher::progress(&class, seat))
        } else {
            Some(teacher::answered(&class, index))
        };
        // In the file before the lock is let go: no page can be shown the answer taken before.
        let entry = Entry::Answer {
            token: token.to_owned(),
            question: index,
            shown,
            seconds,
        };
        shared.journal.append(&class, &entry);
        line
    };
    if let Some(line) = line {
        shared.say(line);
    }
    shared.bump_seat(token);
    Ok(())
}

fn next(shared: &Shared, token: &str) -> Result<(), String> {
    {
        let mut class = shared.class();
        class.next_for(token)?;
        shared.journal.append(
            &class,
            &Entry::Next {
                token: token.to_owned(),
            },
        );
    }
    shared.bump_seat(token);
    Ok(())
}

/// The next change to this page's seat; never, before the page has a seat.
async fn seat_change(
    changes: &mut Option<watch::Receiver<u64>>,
) -> Result<(), watch::error::RecvError> {
    match changes {
        Some(changes) => changes.changed().await,
        None => std::future::pending().await,
    }
}

fn error(message: &str) -> ServerMessage {
    ServerMessage::Error {
        message: message.to_owned(),
    }
}

async fn send(socket: &mut WebSocket, message: &ServerMessage) -> bool {
    let Ok(text) = serde_json::to_string(message) else {
        return false;
    };
    socket.send(Message::Text(text.into())).await.is_ok()
}

async fn send_all(socket: &mut WebSocket, messages: &[ServerMessage]) -> bool {
    for message in messages {
        if !send(socket, message).await {
            return false;
        }
    }
    true
}

/// Messages a page may still send this second.
struct Budget {
    window: Instant,
    used: u32,
}

impl Budget {
    fn new() -> Self {
        Budget {
            window: Instant::now(),
            used: 0,
        }
    }

    fn take(&mut self) -> bool {
        if self.window.elapsed() >= Duration::from_secs(1) {
            self.window = Instant::now();
            self.used = 0;
        }
        self.used += 1;
        self.used <= MESSAGES_PER_SECOND
    }
}
