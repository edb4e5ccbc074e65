//! The web side of a live class: the student page, embedded in the binary, and one websocket per
//! open page. No route can change the class as the teacher does: only the terminal, and the
//! board opened with the teacher key (see `board`).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch;

use super::board::{self, Board, Watcher};
use super::class::Class;
use super::feed::{Feed, Line};
use super::gate::Gate;
use super::journal::{Entry, Journal};
use super::limits::Limits;
use super::protocol::{ClientMessage, Phase, ServerMessage, StudentView};
use super::refusal::Refusal;
use super::tabs::{Tab, Tabs};
use super::teacher;
use super::views::student_view;

/// The largest message a page may send: an answer is a few hundred bytes.
const MESSAGE_LIMIT: usize = 16 * 1024;

/// The websocket's read buffer for one page. A page sends a few hundred bytes at a time, and
/// the buffer is cleared to its full size each time the page is polled for a message (at every
/// change of the class, for every page): the default of 128 KiB made a reveal to 1,000 pages
/// clear 128 MB, and held as much memory. A longer message still fits: the buffer grows to it.
const READ_BUFFER: usize = 4 * 1024;

/// The most a page's connection holds of what the page has not taken yet. Each message is
/// written out as it is sent, and the next waits for it, so this holds one view and the
/// answers to the page's pings, which count against [`MESSAGES_PER_SECOND`]; the limit only
/// stops a page that reads nothing from piling answers to pings up without end.
const WRITE_LIMIT: usize = 1024 * 1024;

/// More messages than this in one second from one page, control frames (pings) included, and
/// it is disconnected.
const MESSAGES_PER_SECOND: u32 = 20;

/// The close code that tells a page a newer tab took its place, so that it does not reconnect.
const REPLACED_CLOSE_CODE: u16 = 4001;

/// The close code of a connection that did not join a seat in time.
const NOT_JOINED_CLOSE_CODE: u16 = 4002;

/// The close code of a page that came back to its seat while too many others did.
const RETURNING_CLOSE_CODE: u16 = 4003;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");
const BOARD_PAGE: &str = include_str!("page/board.html");
const BOARD_SCRIPT: &str = include_str!("page/board.js");
const BOARD_STYLE: &str = include_str!("page/board.css");

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
    pub limits: Limits,
    /// Which pages may open a socket, and how many wrong codes are taken.
    pub gate: Gate,
    /// The pages open on each seat.
    pub tabs: Tabs,
    /// The board for the projector, and its teacher key.
    pub board: Board,
    /// With `QUIZ_HOST_TRACE=1`, how long a reveal takes to reach every page.
    pub trace: super::trace::RevealTrace,
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
        .route("/board", get(|| async { Html(BOARD_PAGE) }))
        .route(
            "/board.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    BOARD_SCRIPT,
                )
            }),
        )
        .route(
            "/board.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    BOARD_STYLE,
                )
            }),
        )
        .route("/ws", get(upgrade))
        .layer(axum::middleware::map_response(secured))
        .with_state(shared)
}

/// What every response may do in a browser: load and connect to this host only, and never be
/// shown inside another site's frame (where a page could trick a student into clicking).
const POLICY: &str = "default-src 'self'; connect-src 'self'; img-src 'self' data:; \
                      base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn page() -> impl IntoResponse {
    Html(PAGE)
}

async fn upgrade(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let origin = headers.get(header::ORIGIN).map(HeaderValue::as_bytes);
    if !shared.gate.origin_allowed(origin) {
        return (
            StatusCode::FORBIDDEN,
            "This class takes students from its own page only: open the link the teacher shows.\n",
        )
            .into_response();
    }
    ws.max_message_size(MESSAGE_LIMIT)
        .max_frame_size(MESSAGE_LIMIT)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(WRITE_LIMIT)
        .on_upgrade(move |socket| connection(socket, shared, peer.ip()))
}

/// What one open page has: its seat once it has one, and what it was last shown.
#[derive(Default)]
struct Page {
    seat: Option<String>,
    tab: Option<Tab>,
    seat_changes: Option<watch::Receiver<u64>>,
    shown: Option<StudentView>,
    /// A page that shows the board instead of taking a seat.
    board: Option<Watcher>,
    /// Set when what the page sent ends its connection.
    closing: Option<Ending>,
}

/// Why a connection ends.
enum Ending {
    /// The page closed, broke the protocol, did not take what it was sent in time, or its
    /// student was removed or saw the end.
    Gone,
    TooMany,
    NotJoined,
    Silent,
    Replaced,
    /// Pages came back to the seat too often; this one tries again shortly.
    Returning,
}

/// One open page, from its first message to its last. Every frame the page sends counts
/// against its budget, pings too; a page that stays behind on what it is sent, or says nothing
/// when pinged, is closed and may reconnect.
async fn connection(mut socket: WebSocket, shared: Arc<Shared>, peer: IpAddr) {
    let limits = shared.limits.clone();
    let mut changes = shared.changed.subscribe();
    let mut page = Page::default();
    let mut budget = Budget::new();
    let join_by = tokio::time::Instant::now() + limits.join;
    let mut heard = Instant::now();
    let mut pings =
        tokio::time::interval_at(tokio::time::Instant::now() + limits.ping(), limits.ping());
    pings.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let ending = loop {
        tokio::select! {
            incoming = socket.recv() => {
                heard = Instant::now();
                let Some(Ok(message)) = incoming else { break Ending::Gone };
                if !budget.take() {
                    break Ending::TooMany;
                }
                let replies = match message {
                    Message::Text(text) => receive(&shared, &mut page, peer, text.as_str()),
                    Message::Binary(_) => vec![error("Messages are JSON text.")],
                    // Pings are answered by the websocket itself; a close ends the next read.
                    Message::Ping(_) | Message::Pong(_) | Message::Close(_) => continue,
                };
                if !send_all(&mut socket, &replies, limits.send).await {
                    break Ending::Gone;
                }
                if let Some(ending) = page.closing.take() {
                    break ending;
                }
            }
            () = tokio::time::sleep_until(join_by), if page.seat.is_none() && page.board.is_none() => break Ending::NotJoined,
            _ = pings.tick(), if page.seat.is_some() || page.board.is_some() => {
                if heard.elapsed() >= limits.silence {
                    break Ending::Silent;
                }
                if !within(limits.send, socket.send(Message::Ping(Bytes::new()))).await {
                    break Ending::Gone;
                }
                continue;
            }
            () = replaced(page.tab.as_ref()) => break Ending::Replaced,
            changed = changes.changed() => {
                if changed.is_err() {
                    break Ending::Gone;
                }
            }
            changed = seat_change(&mut page.seat_changes) => {
                if changed.is_err() {
                    break Ending::Gone;
                }
            }
        }
        // The redraw reads the class as it is now, so every change signalled so far is in it
        // (this page's own answer among them): none needs a redraw of its own.
        changes.borrow_and_update();
        if let Some(seat_changes) = &mut page.seat_changes {
            seat_changes.borrow_and_update();
        }
        if !redraw(&mut socket, &shared, &mut page, limits.send).await {
            break Ending::Gone;
        }
    };
    say_goodbye(&mut socket, ending, limits.send).await;
    leave(&shared, page);
}

/// The page has closed: its seat has one connection fewer.
fn leave(shared: &Shared, page: Page) {
    let Some(token) = page.seat else { return };
    if let Some(tab) = &page.tab {
        shared.tabs.close(&token, tab);
    }
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

/// Sends the page its view if it changed; `false` when the page is to close.
async fn redraw(socket: &mut WebSocket, shared: &Shared, page: &mut Page, limit: Duration) -> bool {
    if let Some(watcher) = &mut page.board {
        return match watcher.update(shared) {
            Some(message) => send(socket, &message, limit).await,
            None => true,
        };
    }
    let Some(token) = &page.seat else { return true };
    let Some(view) = student_view(&shared.class(), token) else {
        return false;
    };
    if page.shown.as_ref() == Some(&view) {
        return true;
    }
    let removed = view.phase == Phase::Removed;
    let newly_revealed = view.phase == Phase::Revealed
        && page.shown.as_ref().is_none_or(|shown| {
            shown.phase != Phase::Revealed
                || shown.question.as_ref().map(|q| q.number)
                    != view.question.as_ref().map(|q| q.number)
        });
    let ended = matches!(view.phase, Phase::Ended | Phase::Paused);
    // Sent, then kept as what the page shows: the view is not copied.
    let message = ServerMessage::State(Box::new(view));
    if newly_revealed {
        shared.trace.sending();
    }
    if !send(socket, &message, limit).await || removed {
        return false;
    }
    if newly_revealed {
        shared.trace.sent();
    }
    if ended {
        shared.shown_end.fetch_add(1, Ordering::SeqCst);
    }
    if let ServerMessage::State(view) = message {
        page.shown = Some(*view);
    }
    true
}

/// The page's last word, where it has one: why it is closed.
async fn say_goodbye(socket: &mut WebSocket, ending: Ending, limit: Duration) {
    let (code, reason) = match ending {
        Ending::Gone | Ending::Silent => return,
        Ending::TooMany => {
            let last = error("Too many messages; reload the page to come back.");
            send(socket, &last, limit).await;
            return;
        }
        // A close, not an error: the page shows no message for a socket it was not using.
        Ending::NotJoined => (
            NOT_JOINED_CLOSE_CODE,
            "This connection did not join the class in time.",
        ),
        Ending::Replaced => (REPLACED_CLOSE_CODE, "This seat was opened in another tab."),
        // A close, not an error: the page keeps its token and reconnects a moment later.
        Ending::Returning => (
            RETURNING_CLOSE_CODE,
            "This seat reconnected too often; trying again shortly.",
        ),
    };
    let close = CloseFrame {
        code,
        reason: reason.into(),
    };
    within(limit, socket.send(Message::Close(Some(close)))).await;
}

/// Waits for a newer page on the same seat to take this one's place; never, before a seat.
async fn replaced(tab: Option<&Tab>) {
    match tab {
        Some(tab) => tab.replaced().await,
        None => std::future::pending().await,
    }
}

/// Handles one message; returns what to answer the page with.
fn receive(shared: &Shared, page: &mut Page, peer: IpAddr, text: &str) -> Vec<ServerMessage> {
    let message: ClientMessage = match serde_json::from_str(text) {
        Ok(message) => message,
        Err(_) => {
            return vec![error(
                "That message is not one this class understands (docs/live.md lists them).",
            )];
        }
    };
    if let Some(watcher) = &page.board {
        let done = match message {
            ClientMessage::Control { command } => watcher.command(shared, command),
            _ => Err(Refusal::BoardTakesNoSeat),
        };
        return done
            .err()
            .map(|refused| error(&refused.to_string()))
            .into_iter()
            .collect();
    }
    let result = match (message, page.seat.as_deref()) {
        (ClientMessage::Join { code, name }, None) => {
            seat_page(shared, page, peer, &code, Ask::Join { name })
        }
        (ClientMessage::Rejoin { code, token }, None) => {
            seat_page(shared, page, peer, &code, Ask::Rejoin { token })
        }
        (ClientMessage::Join { .. } | ClientMessage::Rejoin { .. }, Some(_)) => {
            Err(Refusal::SeatedAlready)
        }
        (
            ClientMessage::Answer {
                question,
                response,
                confidence,
            },
            Some(token),
        ) => answer(shared, token, question, response, confidence).map(|taken| {
            let ack = acknowledged(page, question, taken);
            vec![ack]
        }),
        (ClientMessage::Next, Some(token)) => moved(shared, token, |class| {
            class.next_for(token)?;
            Ok(Entry::Next {
                token: token.to_owned(),
            })
        })
        .map(|()| Vec::new()),
        (ClientMessage::GoTo { question }, Some(token)) => moved(shared, token, |class| {
            let index = question.checked_sub(1).ok_or(Refusal::NoSuchQuestion)?;
            class.go_to(token, index)?;
            Ok(Entry::GoTo {
                token: token.to_owned(),
                question: index,
            })
        })
        .map(|()| Vec::new()),
        (ClientMessage::HandIn, Some(token)) => moved(shared, token, |class| {
            class.hand_in(token)?;
            Ok(Entry::HandIn {
                token: token.to_owned(),
            })
        })
        .map(|()| Vec::new()),
        (ClientMessage::Watch { code, key }, None) => {
            board::watch(shared, peer, code.as_deref(), key.as_deref()).map(
                |(watcher, first, changes)| {
                    page.board = Some(watcher);
                    page.seat_changes = Some(changes);
                    vec![first]
                },
            )
        }
        (ClientMessage::Watch { .. }, Some(_)) => Err(Refusal::SeatedAlready),
        (ClientMessage::Control { .. }, _) => Err(Refusal::NotTheTeacher),
        (_, None) => Err(Refusal::NotSeated),
    };
    result.unwrap_or_else(|refused| vec![error(&refused.to_string())])
}

/// How a page asks for a seat.
enum Ask {
    Join { name: String },
    Rejoin { token: String },
}

/// Seats the page as it asks, if the gate lets `peer` try `code`: a wrong code counts against
/// the address and the class. A rejoin with this class's code and a seat's token (128 random
/// bits, never guessed) is let through even then, so that a student whose phone slept keeps
/// the seat while someone else is guessing codes; any other attempt gets the gate's answer,
/// which says nothing about the code.
fn seat_page(
    shared: &Shared,
    page: &mut Page,
    peer: IpAddr,
    code: &str,
    ask: Ask,
) -> Result<Vec<ServerMessage>, Refusal> {
    let joined = matches!(ask, Ask::Join { .. });
    let (token, name, line) = {
        let mut class = shared.class();
        // Whether the gate lets this attempt be checked; counts it if the code is wrong.
        let gate = |class: &Class| -> Result<(), Refusal> {
            shared.gate.may_try(peer)?;
            if !class.takes_code(code) {
                shared.gate.wrong_code(peer);
            }
            Ok(())
        };
        let (token, name) = match ask {
            Ask::Rejoin { token } => match class.rejoin(code, &token) {
                Ok(_) if !class.may_return(&token, Instant::now()) => {
                    page.closing = Some(Ending::Returning);
                    return Ok(Vec::new());
                }
                Ok(name) => (token, name),
                Err(refused) => {
                    gate(&class)?;
                    return Err(refused);
                }
            },
            Ask::Join { name } => {
                gate(&class)?;
                class.join(code, &name)?
            }
        };
        class.connect(&token);
        let line = if joined {
            // In the file before the lock is let go, in the order the class took the joins.
            shared.journal.append(
                &class,
                &Entry::Join {
                    token: token.clone(),
                    name: name.clone(),
                },
            );
            teacher::joined(&name, class.students())
        } else {
            teacher::back(&name, class.connected())
        };
        (token, name, line)
    };
    if joined {
        shared.bump();
    }
    shared.say(line);
    page.tab = Some(shared.tabs.open(&token));
    page.seat_changes = Some(shared.watch_seat(&token));
    page.seat = Some(token.clone());
    Ok(vec![welcome(shared, token, name)])
}

fn welcome(shared: &Shared, token: String, name: String) -> ServerMessage {
    ServerMessage::Welcome {
        token,
        name,
        code: shared.class().code.clone(),
    }
}

/// The short reply to an answer taken, and the page's view as the page will show it once it has
/// the reply: the answer and the confidence are the only fields an answer changes by itself,
/// so the redraw that follows sends a whole view only if something else changed too.
fn acknowledged(page: &mut Page, question: usize, taken: Taken) -> ServerMessage {
    if let Some(shown) = &mut page.shown
        && shown
            .question
            .as_ref()
            .is_some_and(|q| q.number == question)
    {
        shown.answer = Some(taken.answer.clone());
        shown.confidence = taken.confidence;
    }
    ServerMessage::Answered {
        question,
        answer: taken.answer,
        confidence: taken.confidence,
    }
}

/// An answer as the class took it.
struct Taken {
    answer: crate::engine::Response,
    confidence: Option<crate::engine::Confidence>,
}

fn answer(
    shared: &Shared,
    token: &str,
    number: usize,
    response: crate::engine::Response,
    confidence: Option<crate::engine::Confidence>,
) -> Result<Taken, Refusal> {
    let (line, taken) = {
        let mut class = shared.class();
        let now = Instant::now();
        let seconds = class.seconds_on(token, now);
        let first = class.answer(token, number, response, confidence, now)?;
        let index = number - 1;
        let (shown, confidence) = class
            .seat(token)
            .and_then(|s| s.answers().get(&index))
            .map(|g| (g.shown.clone(), g.confidence))
            .ok_or(Refusal::NotKept)?;
        // A changed answer changes no count the teacher sees.
        let line = if !first {
            None
        } else if class.options.self_paced {
            class
                .seat(token)
                .map(|seat| teacher::progress(&class, seat))
        } else {
            Some(teacher::answered(&class, index))
        };
        let taken = Taken {
            answer: shown.clone(),
            confidence,
        };
        // In the file before the lock is let go: no page can be shown the answer taken before.
        let entry = Entry::Answer {
            token: token.to_owned(),
            question: index,
            shown,
            seconds,
            confidence,
        };
        shared.journal.append(&class, &entry);
        (line, taken)
    };
    if let Some(line) = line {
        shared.say(line);
    }
    shared.bump_seat(token);
    shared.board.bump();
    Ok(taken)
}

/// A self-paced move of one seat (`next`, `go_to`, `hand_in`): made and journalled inside the
/// class's lock, then shown to the seat's pages and the board.
fn moved(
    shared: &Shared,
    token: &str,
    make: impl FnOnce(&mut Class) -> Result<Entry, Refusal>,
) -> Result<(), Refusal> {
    {
        let mut class = shared.class();
        let entry = make(&mut class)?;
        shared.journal.append(&class, &entry);
    }
    shared.bump_seat(token);
    shared.board.bump();
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

/// Sends `message`; `false` when the page is gone or did not take it within `limit`.
async fn send(socket: &mut WebSocket, message: &ServerMessage, limit: Duration) -> bool {
    let Ok(text) = serde_json::to_string(message) else {
        return false;
    };
    within(limit, socket.send(Message::Text(text.into()))).await
}

async fn send_all(socket: &mut WebSocket, messages: &[ServerMessage], limit: Duration) -> bool {
    for message in messages {
        if !send(socket, message, limit).await {
            return false;
        }
    }
    true
}

/// Whether `sending` went out within `limit`.
async fn within<E>(limit: Duration, sending: impl Future<Output = Result<(), E>>) -> bool {
    matches!(tokio::time::timeout(limit, sending).await, Ok(Ok(())))
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
