//! A student in a real browser: headless Chromium, driven through `chromedriver`, opens the join
//! link of a live class, joins, answers on the page as a person would (taps, the order buttons,
//! the match menus), reloads in the middle of a question, and reads the reveal.
//!
//! It needs `chromium` and `chromedriver` (Debian: `apt-get install chromium chromium-driver`) and
//! axe-core (`npm ci --prefix .ci/axe-core`).
//! Without them the test fails, unless `QUIZ_SKIP_BROWSER=1` says to skip it (with a message).
//! Every screen it looks at is checked with axe-core (WCAG 2.2 A and AA rules) at a phone's and a
//! laptop's size. With `BROWSER_SCREENSHOTS=DIR` it also saves each screen it sees, at phone and
//! tablet size.
//! The board's test always saves the board at 1280×720 and 1920×1080 in
//! `target/board-screenshots/`.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use serde_json::json;

use crate::common::live::{Host, Student};
use crate::common::{Quiz, class};

const BASICS: &str = "tests/fixtures/basics.yaml";
/// A phone: what most students hold.
const PHONE: (u32, u32) = (360, 740);
const TABLET: (u32, u32) = (1024, 768);
const WAIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_student_answers_on_a_phone_reloads_and_reads_the_reveal() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--kind",
        "single",
        "--kind",
        "order",
        "--kind",
        "match",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        a_class_on_the_page(page, host, out.path()).await;
    })
    .await;
}

async fn a_class_on_the_page(page: &Page, mut host: Host, out: &Path) {
    // The join link fills in the class code; the student only types a name.
    page.client
        .goto(&format!(
            "http://127.0.0.1:{}/?code={}",
            host.port, host.code
        ))
        .await
        .unwrap();
    let code = page.wait_for("//input[@id='code']").await;
    assert_eq!(code.prop("value").await.unwrap().unwrap(), host.code);
    page.snap("join").await;
    // The name field has the focus: the student types a name and presses Enter.
    let typing_in = page.client.active_element().await.unwrap();
    assert_eq!(typing_in.attr("id").await.unwrap().as_deref(), Some("name"));
    typing_in
        .send_keys(&format!("Ana{}", char::from(Key::Enter)))
        .await
        .unwrap();
    page.wait_for_text("You're in, Ana.").await;
    host.wait_for("joined Ana");
    page.snap("lobby").await;

    // 1. A single choice: tap the right one and send it.
    host.type_line("start");
    page.wait_for_text("In which month of 2024").await;
    page.tap("//button[normalize-space()='Send answer']").await;
    page.wait_for_text("Pick one answer first.").await;
    page.tap("//label[normalize-space()='June']").await;
    assert!(!page.text().await.contains("Pick one answer first."));
    page.snap("single").await;
    page.send_answer().await;
    // The right answer is in, and the score at the top has not moved: it moves at the reveal.
    assert_eq!(page.header().await, "Ana · 0 points · 1 in class");
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    page.wait_for_text("✔ Right").await;
    assert_eq!(page.header().await, "Ana · 1 point · 1 in class");
    page.wait_for_text("The signing took place in Pyongyang in June 2024")
        .await;
    page.wait_for_text("Source: ").await;
    page.wait_for_text("The Comprehensive Strategic Partnership Treaty")
        .await;
    page.snap("single-revealed").await;

    // 2. An order: move the steps with the arrows until they stand as they happened, send,
    // reload the page, and find the same order sent.
    host.type_line("next");
    page.wait_for_text("Put these steps in the order").await;
    let timeline = [
        "Signing in Pyongyang",
        "Putin signs the ratification law",
        "North Korea ratifies",
        "Entry into force",
    ];
    page.put_in_order(&timeline).await;
    assert_eq!(page.order_shown().await, timeline);
    page.snap("order").await;
    page.send_answer().await;
    host.wait_for("answered 1 of 1 (question 2)");
    page.client.refresh().await.unwrap();
    page.wait_for("//button[normalize-space()='Change my answer']")
        .await;
    assert_eq!(
        page.order_shown().await,
        timeline,
        "the order sent is shown again after a reload"
    );
    host.wait_for("back Ana");
    host.type_line("reveal");
    page.wait_for_text("✔ Right").await;
    page.wait_for_text("Signed in June, ratified by Russia then North Korea")
        .await;
    page.wait_for_text("Ratification and Implementation").await;
    page.snap("order-revealed").await;

    // 3. A match: pick each right side from its menu, found by the label of its left side.
    host.type_line("next");
    page.wait_for_text("Match each alliance").await;
    page.pick("North Korea–Russia", "2024").await;
    page.pick("U.S.–South Korea", "1953").await;
    page.snap("match").await;
    page.send_answer().await;
    host.wait_for("answered 1 of 1 (question 3)");
    page.client.refresh().await.unwrap();
    page.wait_for("//button[normalize-space()='Change my answer']")
        .await;
    assert_eq!(page.picked("North Korea–Russia").await, "2024");
    assert_eq!(page.picked("U.S.–South Korea").await, "1953");
    host.type_line("reveal");
    page.wait_for_text("✔ Right").await;
    page.wait_for_text("The U.S.–South Korea treaty dates from 1953")
        .await;
    page.wait_for_text("Comparison: North Korea-Russia vs. U.S.-South Korea Alliances")
        .await;
    page.snap("match-revealed").await;

    // The student opens the class in four more tabs: the first says its seat is open elsewhere,
    // and comes back when asked to.
    four_more_tabs_replace_the_first(page, &mut host).await;

    // The teacher ends the class: the page shows the score, and the host keeps the answers.
    let (code, seen) = host.end();
    assert_eq!(code, 0, "{seen:#?}");
    page.wait_for_text("The class is over.").await;
    page.wait_for_text("Your score: 3 of 3 points").await;
    page.snap("end").await;
    let result = std::fs::read_to_string(out.join("Ana.json")).unwrap();
    let result: serde_json::Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 3, "{result:#}");
}

#[tokio::test]
async fn a_student_walks_a_branching_scenario_on_a_phone_and_reads_each_consequence() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let host = Host::start(&[
        "tests/fixtures/branching.yaml",
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        a_story_on_the_page(page, host, out.path()).await;
    })
    .await;
}

async fn a_story_on_the_page(page: &Page, mut host: Host, out: &Path) {
    page.join_as(&host, "Ana").await;
    host.wait_for("joined Ana");

    // The first decision: the scenario, the step, and no total, as the story is not written yet.
    host.type_line("start");
    page.wait_for_text("What do you do first?").await;
    page.wait_for_text("A memo lands in your inbox").await;
    page.wait_for_text("Decision 1 · 2 points").await;
    page.tap("//label[normalize-space()='Call the press office to confirm the memo']")
        .await;
    page.send_answer().await;
    assert!(!page.text().await.contains("What happens"));
    page.snap("story-decision").await;
    host.wait_for("answered 1 of 1 (question 1)");
    host.type_line("reveal");
    // The reveal tells what happens next, whom the story followed, and judges the decision.
    page.wait_for_text("What happens").await;
    page.wait_for_text("The class chose: A Call the press office")
        .await;
    page.wait_for_text("The press officer will not confirm, but does not deny it either.")
        .await;
    page.wait_for_text("◆ Best decision").await;
    page.wait_for_text("2 of 2 points").await;
    page.wait_for_text("That was a best decision.").await;
    page.snap("story-consequence").await;

    // The step the class's decision leads to, then the ending.
    host.type_line("next");
    page.wait_for_text("One named official confirming the memo")
        .await;
    page.tap("//label[normalize-space()='False']").await;
    page.send_answer().await;
    host.wait_for("answered 1 of 1 (question 2)");
    host.type_line("reveal");
    page.wait_for_text("You find a second official").await;
    host.type_line("next");
    page.wait_for_text("Ending: A clean scoop").await;
    page.wait_for_text("Rating: best ending").await;
    page.wait_for_text("Debrief: Confirming with the press office")
        .await;
    page.wait_for_text("Your score: 3 of 3 points").await;
    page.snap("story-ending").await;
    host.exits();
    let result = std::fs::read_to_string(out.join("Ana.json")).unwrap();
    let result: serde_json::Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["walks"][0]["ending"], "scoop", "{result:#}");
}

#[tokio::test]
async fn a_self_paced_student_sees_the_title_in_the_lobby_and_a_clock_for_the_whole_quiz() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--timer",
        "600",
        "--kind",
        "single",
        "--kind",
        "true_false",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        page.join_as(&host, "Ana").await;
        page.wait_for("//main//p[.='Treaty basics']").await;
        page.wait_for("//header/h1[.='Treaty basics']").await;
        host.type_line("start");
        page.wait_for_text("In which month of 2024").await;
        page.wait_for_text(" left for the whole quiz").await;
        let clock = page.client.find(Locator::Css("#timer")).await.unwrap();
        let shown = clock.text().await.unwrap();
        assert!(
            shown.starts_with("9:") || shown.starts_with("10:00"),
            "{shown}"
        );
        page.snap("self-paced-clock").await;
    })
    .await;
}

#[tokio::test]
async fn the_board_on_the_projector_shows_the_class_and_runs_it_with_the_teacher_key() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--kind",
        "single",
        "--kind",
        "true_false",
        "--timer",
        "600",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| a_class_on_the_board(page, host).await).await;
}

async fn a_class_on_the_board(page: &Page, mut host: Host) {
    let key = host.board_key();
    page.set_viewport(PROJECTOR.0, PROJECTOR.1).await;
    // Opened with the code, the board shows the class without the buttons that run it.
    page.client
        .goto(&format!(
            "http://127.0.0.1:{}/board?code={}",
            host.port, host.code
        ))
        .await
        .unwrap();
    page.wait_for_text("0 students in the class").await;
    let start = page.find("//button[@id='start']").await;
    assert!(
        !start.is_displayed().await.unwrap(),
        "no buttons without the key"
    );
    page.client
        .goto(&format!("http://127.0.0.1:{}/board#key={key}", host.port))
        .await
        .unwrap();
    // The lobby: the title, the link, the code and its QR code, then the names as they come.
    page.wait_for_text(&host.code).await;
    page.wait_for_text("Treaty basics").await;
    page.wait_for("//img[@class='qr']").await;
    let address = page.client.current_url().await.unwrap();
    assert!(
        !address.as_str().contains(&key),
        "the key left the address bar: {address}"
    );
    let mut ana = Student::join(&host, "Ana").await;
    let mut ben = Student::join(&host, "Ben").await;
    page.wait_for_text("2 students in the class").await;
    page.wait_for("//ul[@class='names']/li[.='Ana']").await;
    page.wait_for("//ul[@class='names']/li[.='Ben']").await;
    snap_board(page, "lobby").await;

    // The teacher starts from the board: the question, the countdown and the count.
    page.tap("//button[@id='start']").await;
    host.wait_for("board: start");
    page.wait_for_text("In which month of 2024").await;
    page.wait_for_text("Question 1 of 2").await;
    page.wait_for_text("0 of 2 answered").await;
    page.wait_for_text(" s left").await;
    assert!(!page.text().await.contains("✔"));
    ana.answer(1, json!({"kind": "choice", "value": 0})).await;
    ben.answer(1, json!({"kind": "choice", "value": 2})).await;
    page.wait_for_text("2 of 2 answered").await;
    snap_board(page, "question").await;

    // The reveal: a bar per choice, the right one marked in words, the explanation, the source
    // and the leaderboard.
    page.tap("//button[@id='reveal']").await;
    page.wait_for(
        "//ol[@class='bars']/li[@class='right'][contains(., 'June')][contains(., '✔ right')]",
    )
    .await;
    page.wait_for("//ol[@class='bars']/li[contains(., 'December')][contains(., '1')]")
        .await;
    page.wait_for_text("The signing took place in Pyongyang")
        .await;
    page.wait_for_text("Source: ").await;
    page.wait_for_text("1. Ana · 1 point").await;
    snap_board(page, "reveal").await;

    // The last question, then End (pressed twice): the podium.
    page.tap("//button[@id='next']").await;
    page.wait_for_text("Question 2 of 2").await;
    ana.answer(2, json!({"kind": "bool", "value": false})).await;
    ben.answer(2, json!({"kind": "bool", "value": false})).await;
    page.wait_for_text("2 of 2 answered").await;
    page.tap("//button[@id='reveal']").await;
    page.wait_for_text("✔ right").await;
    page.tap("//button[@id='end']").await;
    page.wait_for_text("End the class? Press again").await;
    page.tap("//button[@id='end']").await;
    page.wait_for_text("The class is over.").await;
    page.wait_for("//ol[@class='podium']/li[@class='place-1'][contains(., 'Ana')]")
        .await;
    page.wait_for("//ol[@class='podium']/li[@class='place-2'][contains(., 'Ben')]")
        .await;
    snap_board(page, "end").await;
    let (code, seen) = host.exits();
    assert_eq!(code, 0, "{seen:#?}");
    assert!(seen.iter().any(|l| l == "board: end"), "{seen:#?}");
}

/// A student or a teacher who asked their system for less motion gets none: at the reveal, the
/// board's bars and the student's page stand still, where without the setting the bars grow.
#[tokio::test]
async fn with_reduced_motion_nothing_on_the_board_or_the_page_moves() {
    let Some(tools) = Tools::find() else { return };
    for (switches, bars_grow) in [
        (&[][..], true),
        (&["--force-prefers-reduced-motion"][..], false),
    ] {
        let out = tempfile::tempdir().unwrap();
        let out = out.path().to_str().unwrap();
        let mut host = Host::start(&[BASICS, "--no-shuffle", "--count", "1", "--out", out]);
        on_a_page_with(&tools, switches, async |page| {
            // The student's page has nothing that moves, with the setting or without it.
            page.join_as(&host, "Ben").await;
            assert_eq!(page.moving().await, Vec::<String>::new(), "the page");
            let key = host.board_key();
            page.client
                .goto(&format!("http://127.0.0.1:{}/board#key={key}", host.port))
                .await
                .unwrap();
            page.wait_for_text("Treaty basics").await;
            let mut ana = Student::join(&host, "Ana").await;
            page.wait_for_text("2 students in the class").await;
            page.tap("//button[@id='start']").await;
            page.wait_for_text("0 of 2 answered").await;
            ana.answer(1, json!({"kind": "choice", "value": 0})).await;
            page.wait_for_text("1 of 2 answered").await;
            page.tap("//button[@id='reveal']").await;
            page.wait_for_text("✔ right").await;
            let moving = page.moving().await;
            // The bars of the three choices, and nothing else.
            let expected = if bars_grow {
                vec!["DIV.bar"; 3]
            } else {
                vec![]
            };
            assert_eq!(moving, expected, "the board with {switches:?}");
        })
        .await;
    }
}

/// The projector's usual sizes.
const PROJECTOR: (u32, u32) = (1280, 720);
const FULL_HD: (u32, u32) = (1920, 1080);

/// Saves the board as the room sees it, at 1280×720 and 1920×1080, in
/// `target/board-screenshots/NAME-1280x720.png` and `NAME-1920x1080.png`.
async fn snap_board(page: &Page, name: &str) {
    page.accessible(&format!("board's {name}")).await;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/board-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for (width, height) in [FULL_HD, PROJECTOR] {
        page.set_viewport(width, height).await;
        let png = page.client.screenshot().await.unwrap();
        save(&dir.join(format!("{name}-{width}x{height}.png")), &png);
    }
}

async fn four_more_tabs_replace_the_first(page: &Page, host: &mut Host) {
    let first = page.client.window().await.unwrap();
    let link = page.client.current_url().await.unwrap();
    for _ in 0..4 {
        let tab = page.client.new_window(true).await.unwrap();
        page.client.switch_to_window(tab.handle).await.unwrap();
        page.client.goto(link.as_str()).await.unwrap();
        host.wait_for("back Ana");
    }
    page.client.switch_to_window(first).await.unwrap();
    page.wait_for_text("Your seat is open in another tab or on another device.")
        .await;
    page.tap("//button[normalize-space()='Use this page']")
        .await;
    host.wait_for("back Ana");
    page.wait_for_text("✔ Right").await;
}

/// Chromium and chromedriver, found on `PATH`.
struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
    /// axe-core's script, which the tests run on every screen they look at.
    axe: String,
}

impl Tools {
    /// Both tools; when one is missing, `None` with a message if `QUIZ_SKIP_BROWSER=1` asks to
    /// skip the browser, a failure otherwise: a missing browser never passes quietly.
    fn find() -> Option<Tools> {
        let chromium = ["chromium", "chromium-browser"]
            .iter()
            .find_map(|name| on_path(name));
        let chromedriver = on_path("chromedriver");
        let axe = std::fs::read_to_string(AXE_SCRIPT).ok();
        let missing: Vec<&str> = [
            ("chromium", chromium.is_none()),
            ("chromedriver", chromedriver.is_none()),
            ("axe-core (npm ci --prefix .ci/axe-core)", axe.is_none()),
        ]
        .iter()
        .filter(|(_, gone)| *gone)
        .map(|(name, _)| *name)
        .collect();
        if missing.is_empty() {
            return Some(Tools {
                chromium: chromium.unwrap(),
                chromedriver: chromedriver.unwrap(),
                axe: axe.unwrap(),
            });
        }
        let message = format!(
            "the browser test needs {}; install chromium and chromedriver with \
             `apt-get install -y chromium chromium-driver` (Debian, Ubuntu)",
            missing.join(" and ")
        );
        let skip = std::env::var("QUIZ_SKIP_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            skip,
            "{message}, or set QUIZ_SKIP_BROWSER=1 to skip this test"
        );
        // Written past the test harness's capture, so that the skip shows in a plain `cargo test`.
        let _ = writeln!(std::io::stderr(), "skipped: {message}");
        None
    }
}

/// Plays `story` on a new page of a new browser and closes the page whatever happens; the test
/// fails as the story failed.
async fn on_a_page(tools: &Tools, story: impl AsyncFnOnce(&Page)) {
    on_a_page_with(tools, &[], story).await;
}

/// As [`on_a_page`], the browser started with `switches` besides the usual ones.
async fn on_a_page_with(tools: &Tools, switches: &[&str], story: impl AsyncFnOnce(&Page)) {
    let driver = Driver::start(tools);
    let page = Page::open(&driver, tools, switches).await;
    let outcome = AssertUnwindSafe(story(&page)).catch_unwind().await;
    page.client.clone().close().await.ok();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}

/// `chromedriver` on a free port of 127.0.0.1, stopped when dropped. The browser keeps its
/// profile, caches and crash reports in a folder of its own, never in the user's home.
struct Driver {
    child: Child,
    port: u16,
    _home: tempfile::TempDir,
}

impl Driver {
    fn start(tools: &Tools) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let home = tempfile::tempdir().expect("a folder for the browser's profile");
        let child = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            port,
            _home: home,
        };
        let until = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < until,
                "chromedriver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The student's browser tab.
struct Page {
    client: Client,
    axe: String,
    screenshots: Option<PathBuf>,
}

impl Page {
    async fn open(driver: &Driver, tools: &Tools, switches: &[&str]) -> Page {
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--hide-scrollbars".to_owned(),
            format!("--window-size={},{}", PHONE.0, PHONE.1),
        ];
        args.extend(switches.iter().map(|s| (*s).to_owned()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": tools.chromium, "args": args},
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("chromedriver opens a Chromium session");
        let screenshots = std::env::var_os("BROWSER_SCREENSHOTS").map(PathBuf::from);
        Page {
            client,
            axe: tools.axe.clone(),
            screenshots,
        }
    }

    /// The elements that animate or change with a transition, as `TAG.class`.
    async fn moving(&self) -> Vec<String> {
        let found = self
            .client
            .execute(
                "return [...document.querySelectorAll('*')].filter((e) => {
                   const s = getComputedStyle(e);
                   const timed = (list) => list.split(',').some((d) => parseFloat(d) > 0);
                   return s.animationName !== 'none' || timed(s.transitionDuration);
                 }).map((e) => e.tagName + '.' + e.className);",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// Sizes the window so that the page itself (the viewport) is `width`×`height`: the
    /// window's frame takes the rest.
    async fn set_viewport(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
        let inner = self
            // Headless Chromium keeps a window at least 500 px wide while the page may be
            // narrower, so the height tells when the window has its new size.
            .sizes_when(|[_, outer_height, _, _]| outer_height == height)
            .await;
        let (width_frame, height_frame) = (width - inner[2], height - inner[3]);
        self.client
            .set_window_size(width + width_frame, height + height_frame)
            .await
            .unwrap();
        self.sizes_when(|[_, _, inner_width, inner_height]| {
            (inner_width, inner_height) == (width, height)
        })
        .await;
    }

    /// The window's outer and inner width and height once `ready` holds for them: the page
    /// learns of a new window size a moment after the window has it.
    async fn sizes_when(&self, ready: impl Fn([u32; 4]) -> bool) -> [u32; 4] {
        let until = Instant::now() + WAIT;
        loop {
            let sizes = self
                .client
                .execute(
                    "return [outerWidth, outerHeight, innerWidth, innerHeight];",
                    vec![],
                )
                .await
                .unwrap();
            let size = |at: usize| u32::try_from(sizes[at].as_u64().unwrap()).unwrap();
            let sizes = [size(0), size(1), size(2), size(3)];
            if ready(sizes) {
                return sizes;
            }
            assert!(Instant::now() < until, "the window stays at {sizes:?}");
        }
    }

    async fn find(&self, xpath: &str) -> fantoccini::elements::Element {
        match self.client.find(Locator::XPath(xpath)).await {
            Ok(element) => element,
            Err(e) => panic!("no {xpath} on the page ({e}):\n{}", self.text().await),
        }
    }

    async fn wait_for(&self, xpath: &str) -> fantoccini::elements::Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no {xpath} on the page ({e}):\n{}", self.text().await),
        }
    }

    /// Taps the element: found again if the page redrew it between finding and tapping (a new
    /// state from the host replaces the screen's elements).
    async fn tap(&self, xpath: &str) {
        let until = Instant::now() + WAIT;
        loop {
            match self.find(xpath).await.click().await {
                Ok(()) => return,
                Err(e) => assert!(Instant::now() < until, "cannot tap {xpath}: {e}"),
            }
        }
    }

    /// Taps "Send answer" and waits for the page to say it went.
    async fn send_answer(&self) {
        self.tap("//button[normalize-space()='Send answer']").await;
        self.wait_for_text("Answer sent.").await;
    }

    /// Waits until `text` is shown somewhere on the page.
    async fn wait_for_text(&self, text: &str) {
        assert!(!text.contains('"'));
        self.wait_for(&format!("//body[contains(., \"{text}\")]"))
            .await;
    }

    /// The line at the top of the page: the name, the score and the class's size.
    async fn header(&self) -> String {
        let who = self.client.find(Locator::Css("#who")).await.unwrap();
        who.text().await.unwrap()
    }

    /// What the page shows, for the failure messages.
    async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(e) => format!("(no page: {e})"),
        }
    }

    /// The items of the order question, top to bottom, without their numbers.
    async fn order_shown(&self) -> Vec<String> {
        let mut shown = Vec::new();
        for item in self
            .client
            .find_all(Locator::Css("ol.order li span"))
            .await
            .unwrap()
        {
            let text = item.text().await.unwrap();
            let (_, item) = text.split_once(". ").expect("a numbered item");
            shown.push(item.to_owned());
        }
        shown
    }

    /// Moves items up with their buttons until they stand in `wanted` order.
    async fn put_in_order(&self, wanted: &[&str]) {
        for (place, item) in wanted.iter().enumerate() {
            loop {
                let shown = self.order_shown().await;
                let at = shown
                    .iter()
                    .position(|s| s == item)
                    .expect("the item shown");
                if at == place {
                    break;
                }
                self.tap(&format!("//button[@aria-label='Move up: {item}']"))
                    .await;
            }
        }
    }

    /// The menu whose label is `left`.
    async fn menu(&self, left: &str) -> fantoccini::elements::Element {
        let label = self
            .find(&format!("//label[normalize-space()='{left}']"))
            .await;
        let id = label
            .attr("for")
            .await
            .unwrap()
            .expect("a label for a menu");
        self.find(&format!("//select[@id='{id}']")).await
    }

    async fn pick(&self, left: &str, right: &str) {
        self.menu(left).await.select_by_label(right).await.unwrap();
    }

    async fn picked(&self, left: &str) -> String {
        let menu = self.menu(left).await;
        let chosen = menu
            .find(Locator::Css("option:checked"))
            .await
            .expect("a picked option");
        chosen.text().await.unwrap()
    }

    /// Runs axe-core's automated WCAG 2.2 A and AA rules on the page as it is now, at a phone's
    /// size (390×844) and a laptop's (1280×720), and fails with every violation found; the
    /// window is a phone's again afterwards.
    async fn accessible(&self, screen: &str) {
        let injected = self
            .client
            .execute("return !!window.axe;", vec![])
            .await
            .unwrap();
        if injected != json!(true) {
            self.client.execute(&self.axe, vec![]).await.unwrap();
        }
        for (width, height) in [(390, 844), (1280, 720)] {
            self.set_viewport(width, height).await;
            let violations = self.client.execute_async(AXE_RUN, vec![]).await.unwrap();
            assert_eq!(
                violations,
                json!([]),
                "axe-core finds barriers on the {screen} screen at {width}×{height}:\n{violations:#}"
            );
        }
        self.set_viewport(PHONE.0, PHONE.1).await;
    }

    /// Checks the screen with axe-core ([`Page::accessible`]) and, with `BROWSER_SCREENSHOTS`,
    /// saves it as the student sees it on a phone (NAME-phone.png) and a tablet (NAME-tablet.png), and the whole page on the narrowest
    /// phone in use (NAME-320-whole.png).
    async fn snap(&self, name: &str) {
        self.accessible(name).await;
        let Some(dir) = &self.screenshots else { return };
        std::fs::create_dir_all(dir).unwrap();
        for (size, suffix) in [
            (TABLET, "tablet"),
            ((320, 2400), "320-whole"),
            (PHONE, "phone"),
        ] {
            self.client.set_window_size(size.0, size.1).await.unwrap();
            let png = self.client.screenshot().await.unwrap();
            save(&dir.join(format!("{name}-{suffix}.png")), &png);
        }
    }
}

/// Runs axe-core on the page with the WCAG 2.0, 2.1 and 2.2 A and AA rules and hands back each
/// violation: the rule, how much it matters, what it asks, and the first few elements that break it.
const AXE_RUN: &str = "const done = arguments[arguments.length - 1];
    axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
      .then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
        elements: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
      .catch(e => done([{rule: 'axe failed', help: String(e)}]));";

/// axe-core's script, installed by `npm ci --prefix .ci/axe-core` (`.ci/run` does it).
const AXE_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/.ci/axe-core/node_modules/axe-core/axe.min.js"
);

fn save(file: &Path, png: &[u8]) {
    std::fs::write(file, png).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}

#[tokio::test]
async fn the_class_report_fits_a_phone_its_wide_tables_scrolling_in_their_own_boxes() {
    let Some(tools) = Tools::find() else { return };
    let dir = tempfile::tempdir().unwrap();
    class::write_class(dir.path(), 30, 6);
    let html = dir.path().join("class.html");
    Quiz::new(&["report"])
        .in_crate_root()
        .arg(dir.path())
        .args(["--bank", class::BANK, "--html"])
        .arg(&html)
        .run()
        .succeeds();
    on_a_page(&tools, async |page| {
        page.set_viewport(390, 844).await;
        page.client
            .goto(&format!("file://{}", html.display()))
            .await
            .unwrap();
        page.wait_for("//table[@id='students']").await;
        page.accessible("class report").await;
        page.set_viewport(390, 844).await;
        let widths = page
            .client
            .execute(
                "const page = document.documentElement; \
                 const table = document.getElementById('questions'); \
                 return [page.scrollWidth, page.clientWidth, \
                         table.parentElement.scrollWidth, table.parentElement.clientWidth];",
                vec![],
            )
            .await
            .unwrap();
        let width = |at: usize| widths[at].as_u64().unwrap();
        assert!(
            width(0) <= width(1),
            "the page is wider than the phone: {widths}"
        );
        assert!(
            width(2) > width(3),
            "the questions' table should be wider than the phone and scroll in its box: {widths}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_pick_survives_a_reload_then_goes_with_how_sure_the_student_is_and_the_end_shows_the_marks()
 {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--count",
        "1",
        "--confidence",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        page.join_as(&host, "Ana").await;
        host.type_line("start");
        page.wait_for_text("How sure are you?").await;
        // A pick not yet sent survives a reload of the page.
        page.tap("//label[normalize-space()='June']").await;
        page.client.refresh().await.unwrap();
        page.wait_for_text("How sure are you?").await;
        let june = page.find("//label[normalize-space()='June']/input").await;
        assert_eq!(june.prop("checked").await.unwrap().as_deref(), Some("true"));
        page.tap("//button[normalize-space()='2 · fairly sure']")
            .await;
        page.wait_for_text("Sent as fairly sure.").await;
        let pressed = page
            .find("//button[@aria-pressed='true']")
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(pressed, "2 · fairly sure");
        page.snap("confidence").await;
        host.wait_for("answered 1 of 1 (question 1)");
        host.type_line("end");
        // Right and fairly sure: twice its point, out of three times.
        page.wait_for_text("Certainty-based marks: 2 of 3").await;
        page.wait_for_text("You answered: June").await;
    })
    .await;
    host.exits();
}

#[tokio::test]
async fn a_student_with_a_keyboard_alone_joins_and_answers_every_kind_of_question() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        page.join_as(&host, "Ana").await;
        host.type_line("start");
        for number in 1..=7 {
            page.wait_for_text(&format!("Question {number} of 7")).await;
            answer_with_keys(page, number).await;
            page.targets_are_large_enough().await;
            page.tab_to("button[type=submit]").await;
            page.focus_is_visible().await;
            page.press(&char::from(Key::Enter).to_string()).await;
            page.wait_for_text("Answer sent.").await;
            host.wait_for(&format!("answered 1 of 1 (question {number})"));
            host.type_line("reveal");
            page.wait_for_text("Correct answer:").await;
            host.type_line(if number < 7 { "next" } else { "end" });
        }
        page.wait_for_text("The class is over.").await;
        // Some of the keyboard's answers were wrong: they can be taken home, by keyboard too.
        page.tab_to("a.save").await;
        page.focus_is_visible().await;
        page.snap("end-take-home").await;
    })
    .await;
    host.exits();
    let result = std::fs::read_to_string(out.path().join("Ana.json")).unwrap();
    let result: serde_json::Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["answers"].as_array().unwrap().len(), 7, "{result:#}");
}

/// Picks an answer to question `number` with the keys a keyboard user would press, by what the
/// question asks for.
async fn answer_with_keys(page: &Page, number: u64) {
    let asks = page.find("//fieldset/legend").await.text().await.unwrap();
    let space = char::from(Key::Space).to_string();
    match asks.as_str() {
        "Pick one." | "True or false?" => {
            page.tab_to("input[type=radio]").await;
            page.press(&space).await;
        }
        "Pick all that apply." => {
            page.tab_to("input[type=checkbox]").await;
            page.press(&space).await;
        }
        "Type a short answer." => {
            page.tab_to("input[id^=typed]").await;
            page.press("Pyongyang").await;
        }
        "Type a number." => {
            page.tab_to("input[id^=typed]").await;
            page.press("15000").await;
        }
        "Put them in order: move items up or down." => {
            page.tab_to("ol.order button:not([disabled])").await;
            page.press(&space).await;
        }
        "Match each item." => {
            let pairs = page
                .client
                .execute("return document.querySelectorAll('select').length;", vec![])
                .await
                .unwrap();
            for i in 0..pairs.as_u64().unwrap() {
                page.tab_to(&format!("select#pair{number}-{i}")).await;
                page.press(&char::from(Key::Down).to_string()).await;
            }
        }
        other => panic!("question {number} asks something new: {other}"),
    }
}

impl Page {
    /// Opens the class's join link, types `name` into the name field (which has the focus) and
    /// presses Enter, as a student does, and waits for the lobby to greet them.
    async fn join_as(&self, host: &Host, name: &str) {
        self.client
            .goto(&format!(
                "http://127.0.0.1:{}/?code={}",
                host.port, host.code
            ))
            .await
            .unwrap();
        self.wait_for("//input[@id='name']").await;
        self.press(&format!("{name}{}", char::from(Key::Enter)))
            .await;
        self.wait_for_text(&format!("You're in, {name}.")).await;
    }

    /// Types `keys` into whatever has the focus, as a keyboard does.
    async fn press(&self, keys: &str) {
        let focused = self.client.active_element().await.unwrap();
        focused.send_keys(keys).await.unwrap();
    }

    /// Presses Tab until the element with the focus matches `css`.
    async fn tab_to(&self, css: &str) {
        let matches = format!("return document.activeElement.matches({css:?});");
        for _ in 0..40 {
            if self.client.execute(&matches, vec![]).await.unwrap() == json!(true) {
                return;
            }
            self.press(&char::from(Key::Tab).to_string()).await;
        }
        panic!("Tab never reached {css}:\n{}", self.text().await);
    }

    /// The element with the focus shows it (WCAG 2.4.11: focus not hidden).
    async fn focus_is_visible(&self) {
        let outline = self
            .client
            .execute(
                "const s = getComputedStyle(document.activeElement); \
                 return [s.outlineStyle, parseFloat(s.outlineWidth)];",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            outline[0] != "none" && outline[1].as_f64().unwrap() >= 2.0,
            "the focus does not show: {outline}"
        );
    }

    /// Every control on the screen is at least 24×24 CSS pixels (WCAG 2.5.8).
    async fn targets_are_large_enough(&self) {
        let small = self
            .client
            .execute(
                "return [...document.querySelectorAll('#screen button, #screen input, #screen select')] \
                   .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()]) \
                   .filter(([, r]) => r.width > 0 && (r.width < 24 || r.height < 24)) \
                   .map(([html, r]) => html + ' ' + r.width + '×' + r.height);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(small, json!([]), "controls smaller than 24×24 px");
    }
}

#[tokio::test]
async fn a_self_paced_exam_is_checked_in_a_list_gone_back_to_and_handed_in_on_the_page() {
    let Some(tools) = Tools::find() else { return };
    let out = tempfile::tempdir().unwrap();
    let mut host = Host::start(&[
        BASICS,
        "--no-shuffle",
        "--self-paced",
        "--exam",
        "--count",
        "2",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    on_a_page(&tools, async |page| {
        page.join_as(&host, "Ana").await;
        host.type_line("start");
        page.wait_for_text("Question 1 of 2").await;
        page.tap("//label[normalize-space()='November']").await;
        page.send_answer().await;
        page.tap_then("Next question", "Question 2 of 2").await;
        page.tap_then("Skip for now", "Check your answers, then hand in")
            .await;
        page.wait_for_text("1 question has no answer yet.").await;
        page.snap("exam-check").await;
        page.tap_then("Go to question 1", "Question 1 of 2").await;
        page.tap("//label[normalize-space()='June']").await;
        page.tap_then("Change my answer", "Answer sent.").await;
        page.tap_then("Next question", "Question 2 of 2").await;
        page.tap_then("Previous question", "Question 1 of 2").await;
        page.tap_then("Next question", "Question 2 of 2").await;
        page.tap_then("Skip for now", "Check your answers, then hand in")
            .await;
        page.tap_then(
            "Hand in: my answers are final",
            "Your answers are handed in.",
        )
        .await;
        host.type_line("end");
        page.wait_for_text("Your score: 1 of 2").await;
    })
    .await;
    host.exits();
}

impl Page {
    /// Taps the button that says `button`, then waits for the page to show `shown`.
    async fn tap_then(&self, button: &str, shown: &str) {
        self.tap(&format!("//button[normalize-space()='{button}']"))
            .await;
        self.wait_for_text(shown).await;
    }
}
