//! Taking connections: each must send its request within the handshake limit, and no more are
//! held open than the open-file limit allows with descriptors to spare for the journal and the
//! results files. Past that cap a connection is told the class is full and closed.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower_service::Service;

use super::limits::Limits;

/// Descriptors kept back from connections: standard input and output, the journal, the runtime,
/// and the results files written at the end (one at a time).
const RESERVE: u64 = 64;

/// Connections being told the class is full, at most; past it they are closed unanswered.
const TURNING_AWAY: usize = 16;

/// The largest request head taken, in bytes (a browser's is one or two KiB).
const REQUEST_HEAD_LIMIT: usize = 16 * 1024;

const FULL: &str = "The class is full: the host cannot take more connections now. \
                    Try again in a minute, or ask the teacher.\n";

/// Raises the open-file limit as far as it goes (or sets the one the limits ask for); the
/// number of connections the host then holds open at most.
pub(crate) fn connection_cap(limits: &Limits) -> usize {
    let open_files = match limits.open_files {
        Some(wanted) => rlimit::Resource::NOFILE
            .get()
            .and_then(|(_, hard)| {
                let soft = wanted.min(hard);
                rlimit::Resource::NOFILE.set(soft, hard).map(|()| soft)
            })
            .unwrap_or(wanted),
        None => rlimit::increase_nofile_limit(u64::MAX)
            .or_else(|_| rlimit::Resource::NOFILE.get().map(|(soft, _)| soft))
            .unwrap_or(1024),
    };
    cap_for(open_files)
}

fn cap_for(open_files: u64) -> usize {
    usize::try_from(open_files.saturating_sub(RESERVE).max(16)).unwrap_or(usize::MAX)
}

/// Serves `app` on `listener` until the process ends.
pub(crate) async fn serve(listener: TcpListener, app: Router, limits: Limits, cap: usize) {
    let open = Arc::new(AtomicUsize::new(0));
    let turning_away = Arc::new(AtomicUsize::new(0));
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            // Out of descriptors, or a connection reset before it was taken: try again shortly.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        if open.load(Ordering::SeqCst) >= cap {
            if turning_away.load(Ordering::SeqCst) < TURNING_AWAY {
                tokio::spawn(turn_away(
                    Counted::new(stream, turning_away.clone()),
                    limits.handshake,
                ));
            }
            continue;
        }
        let stream = Counted::new(stream, open.clone());
        tokio::spawn(serve_connection(stream, peer, app.clone(), limits.clone()));
    }
}

/// Serves the requests of one connection, until it becomes a websocket or has been open for
/// the handshake and send limits together: long enough for a slow phone to load the page,
/// too short to hold a connection by asking slowly or by never reading the answers.
async fn serve_connection(stream: Counted, peer: SocketAddr, app: Router, limits: Limits) {
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        app.clone().call(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.handshake)
        .max_buf_size(REQUEST_HEAD_LIMIT)
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    // A connection that breaks the protocol or times out just ends; the class goes on. Once
    // upgraded, the websocket lives on in its own task.
    let _ = tokio::time::timeout(limits.handshake + limits.send, connection).await;
}

/// Tells a connection past the cap that the class is full, reading what it sent meanwhile so
/// that the answer is not lost to a reset, for at most the handshake limit.
async fn turn_away(mut stream: Counted, handshake: Duration) {
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nRetry-After: 60\r\nConnection: close\r\n\r\n{FULL}",
        FULL.len()
    );
    let _ = tokio::time::timeout(handshake, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 1024];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// A connection, counted among the open ones for as long as it lives (as a websocket too).
struct Counted {
    stream: TcpStream,
    open: Arc<AtomicUsize>,
}

impl Counted {
    fn new(stream: TcpStream, open: Arc<AtomicUsize>) -> Self {
        open.fetch_add(1, Ordering::SeqCst);
        Counted { stream, open }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_kept_back_for_the_results() {
        assert_eq!(cap_for(1024), 960);
        assert_eq!(cap_for(65_536), 65_472);
        assert_eq!(cap_for(20), 16);
    }
}
