//! The board for the projector: a page at `/board` that watches the class over the students'
//! websocket. Watching takes the join code (the board shows it) or the teacher key; only a
//! board opened with the key may start, reveal, move on and end, as the terminal does. The key
//! is 128 random bits the host prints in the board link's fragment (`#key=…`), which browsers
//! never send in a request, so it is in no request line and no log.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use qrcode::render::svg;
use tokio::sync::{mpsc, watch};

use super::Control;
use super::board_view::{BoardCommand, BoardView, Watching, board_view};
use super::class::{Class, Phase};
use super::protocol::ServerMessage;
use super::refusal::Refusal;
use super::seat::new_token;
use super::server::Shared;
use super::teacher::Command;
use super::views::quiz_title;

/// Boards that may watch at once: each is sent the class at every change, so a stranger with
/// the code cannot open hundreds of them.
const MOST_BOARDS: usize = 8;

/// What every board shares: the key, the join link and its QR code, and the way to the class's
/// control loop.
pub(crate) struct Board {
    key: String,
    origin: String,
    watching: Watching,
    control: mpsc::UnboundedSender<Control>,
    /// Bumped when something only the board shows changes (an answer counted).
    changed: watch::Sender<u64>,
    open: Arc<AtomicUsize>,
}

/// One page watching the class.
pub(crate) struct Watcher {
    control: bool,
    shown: Option<BoardView>,
    _slot: Slot,
}

/// A board's place among [`MOST_BOARDS`], given back when its page closes.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Board {
    /// A board for `class`, whose students join at `origin` (`http://ADDRESS:PORT`), with a
    /// fresh teacher key.
    pub(crate) fn new(
        class: &Class,
        origin: String,
        control: mpsc::UnboundedSender<Control>,
    ) -> Board {
        let link = format!("{origin}/?code={}", class.code);
        let qr = qrcode::QrCode::new(link.as_bytes())
            .map(|code| {
                code.render::<svg::Color>()
                    .min_dimensions(320, 320)
                    .quiet_zone(true)
                    .build()
            })
            .unwrap_or_default();
        Board {
            key: new_token(),
            origin,
            watching: Watching {
                code: class.code.clone(),
                link,
                qr,
                title: quiz_title(class),
                control: false,
            },
            control,
            changed: watch::channel(0).0,
            open: Arc::default(),
        }
    }

    /// The link that opens the board with the teacher key, for the teacher's terminal.
    pub(crate) fn teacher_link(&self) -> String {
        format!("{}/board#key={}", self.origin, self.key)
    }

    pub(crate) fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    /// Whether `typed` is the teacher key, compared in time that does not depend on where it
    /// differs.
    fn takes_key(&self, typed: &str) -> bool {
        typed.len() == self.key.len()
            && typed
                .bytes()
                .zip(self.key.bytes())
                .fold(0u8, |differs, (a, b)| differs | (a ^ b))
                == 0
    }
}

/// A page asks to watch the class with the join code or the teacher key: its watcher, what it
/// is told first, and the changes it redraws at (besides the class's). A wrong code or key
/// counts against `peer` at the gate, as a wrong join code does.
pub(crate) fn watch(
    shared: &Shared,
    peer: IpAddr,
    code: Option<&str>,
    key: Option<&str>,
) -> Result<(Watcher, ServerMessage, watch::Receiver<u64>), Refusal> {
    let board = &shared.board;
    // The teacher's board comes in even while someone else is guessing codes, as a student
    // coming back with a seat's token does; any other attempt gets the gate's answer.
    if !key.is_some_and(|key| board.takes_key(key)) {
        shared.gate.may_try(peer)?;
    }
    let control = match (key, code) {
        (Some(key), _) if board.takes_key(key) => true,
        (Some(_), _) => {
            shared.gate.wrong_code(peer);
            return Err(Refusal::WrongTeacherKey);
        }
        (None, Some(code)) if shared.class().takes_code(code) => false,
        (None, _) => {
            shared.gate.wrong_code(peer);
            return Err(Refusal::WrongCode);
        }
    };
    let taken = board.open.fetch_add(1, Ordering::SeqCst);
    let slot = Slot(board.open.clone());
    if taken >= MOST_BOARDS {
        return Err(Refusal::TooManyBoards(MOST_BOARDS));
    }
    let watcher = Watcher {
        control,
        shown: None,
        _slot: slot,
    };
    let first = ServerMessage::Watching(Box::new(Watching {
        control,
        ..board.watching.clone()
    }));
    Ok((watcher, first, board.changed.subscribe()))
}

impl Watcher {
    /// The board's screen if it changed since it was last sent, with the seconds the open
    /// question has left on its timer.
    pub(crate) fn update(&mut self, shared: &Shared) -> Option<ServerMessage> {
        let (view, time_left) = {
            let class = shared.class();
            let left = match class.phase {
                Phase::Open { .. } => class.time_left(Instant::now()).map(|t| t.as_secs()),
                _ => None,
            };
            (board_view(&class), left)
        };
        if self.shown.as_ref() == Some(&view) {
            return None;
        }
        self.shown = Some(view.clone());
        Some(ServerMessage::Board {
            view: Box::new(view),
            time_left,
        })
    }

    /// A board's command: carried out by the class's control loop, as if typed at the terminal,
    /// if this board was opened with the teacher key.
    pub(crate) fn command(&self, shared: &Shared, command: BoardCommand) -> Result<(), Refusal> {
        if !self.control {
            return Err(Refusal::NotTheTeacher);
        }
        let (word, command) = match command {
            BoardCommand::Start => ("start", Command::Start),
            BoardCommand::Reveal => ("reveal", Command::Reveal),
            BoardCommand::Next => ("next", Command::Next),
            BoardCommand::End => ("end", Command::End),
        };
        shared.say(format!("board: {word}"));
        shared
            .board
            .control
            .send(Control::Teacher(command))
            .map_err(|_| Refusal::ClassStopping)
    }
}
