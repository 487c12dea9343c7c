//! Accepting connections and serving HTTP/1.1 on them, with the two limits a public server needs
//! and `axum::serve` does not set: a deadline for each request's head, which also closes idle
//! keep-alive connections (so slow or silent clients cannot pile up and starve real readers), and
//! a ceiling on open connections (the process keeps file descriptors for its database and files).
//!
//! Built on hyper and hyper-util, which axum already runs on: axum's own `serve` has no way to set
//! either limit, and a further server crate would add a third copy of the same machinery. HTTP/2
//! is not offered in clear text (browsers never use it; a TLS proxy in front speaks it to readers).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long in-flight requests may take to finish once the server is asked to stop.
const DRAIN: Duration = Duration::from_secs(10);
/// The pause after a failed accept (out of file descriptors, say) before trying again.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// The connection limits.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// A request's head must arrive within this, and an idle connection is closed after it.
    pub head_timeout: Duration,
    /// Connections open at once; more wait in the listen queue until one closes.
    pub max_connections: usize,
}

/// Serves `router` on `listener` until `stop` resolves, then lets in-flight requests finish (for
/// at most `DRAIN`). Handlers see the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout);
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = accept(&listener, &slots) => accepted,
        };
        let Some((stream, remote, slot)) = accepted else {
            continue;
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client going away mid-request is an everyday event, not a server error.
            if let Err(e) = connection.await {
                tracing::debug!(%remote, %e, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still running after {DRAIN:?} were cut off");
    }
}

/// The next connection, once a slot is free. `None` after a failed accept (logged, and retried
/// after a pause: out of file descriptors is a state that passes).
async fn accept(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> Option<(
    tokio::net::TcpStream,
    SocketAddr,
    tokio::sync::OwnedSemaphorePermit,
)> {
    let slot = Arc::clone(slots).acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, remote)) => {
            // Answers are written whole; waiting to batch them only adds latency.
            let _ = stream.set_nodelay(true);
            Some((stream, remote, slot))
        }
        Err(e) => {
            tracing::warn!(%e, "could not accept a connection");
            tokio::time::sleep(ACCEPT_RETRY).await;
            None
        }
    }
}
