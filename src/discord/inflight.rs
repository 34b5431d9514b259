//! Work in progress that a shutdown must wait for: every dispatched event
//! holds a guard while it runs, so `dojo serve` stops only after the turns
//! being scored are persisted and answered.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::Notify;

/// Counts work in progress; cloning shares the count.
#[derive(Debug, Clone, Default)]
pub struct InFlight {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    count: AtomicUsize,
    closing: AtomicBool,
    idle: Notify,
}

/// Held while one piece of work runs; dropping it ends that work.
#[derive(Debug)]
#[must_use = "the work counts as in flight only while the guard lives"]
pub struct InFlightGuard {
    inner: Arc<Inner>,
}

impl InFlight {
    /// A counter with nothing in flight.
    pub fn new() -> InFlight {
        InFlight::default()
    }

    /// Counts new work even while closing: for work that extends work already
    /// in flight (a task a command spawns), which must finish too.
    pub fn enter(&self) -> InFlightGuard {
        self.inner.count.fetch_add(1, Ordering::SeqCst);
        InFlightGuard {
            inner: Arc::clone(&self.inner),
        }
    }

    /// Counts new work unless a shutdown has begun, when it returns `None`.
    pub fn try_enter(&self) -> Option<InFlightGuard> {
        let guard = self.enter();
        // Checked after counting, so `close` + `drained` cannot miss this work.
        if self.inner.closing.load(Ordering::SeqCst) {
            return None;
        }
        Some(guard)
    }

    /// How much work is in flight now.
    pub fn count(&self) -> usize {
        self.inner.count.load(Ordering::SeqCst)
    }

    /// Refuses new work from now on ([`InFlight::try_enter`] returns `None`).
    pub fn close(&self) {
        self.inner.closing.store(true, Ordering::SeqCst);
    }

    /// Whether [`InFlight::close`] was called.
    pub fn is_closing(&self) -> bool {
        self.inner.closing.load(Ordering::SeqCst)
    }

    /// Waits until nothing is in flight or `limit` has passed; true if drained.
    pub async fn drained(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let idle = self.inner.idle.notified();
            tokio::pin!(idle);
            // Registered before reading the count, so a guard dropped in
            // between still wakes us.
            idle.as_mut().enable();
            if self.count() == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.count() == 0;
            }
        }
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.inner.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.inner.idle.notify_waiters();
        }
    }
}

/// Wraps a framework so that every event it handles counts as in flight,
/// and events arriving once a shutdown has begun are left alone.
pub(crate) struct Tracked<F> {
    pub(crate) inner: F,
    pub(crate) in_flight: InFlight,
}

#[serenity::async_trait]
impl<F: serenity::Framework> serenity::Framework for Tracked<F> {
    async fn init(&mut self, client: &serenity::Client) {
        self.inner.init(client).await;
    }

    async fn dispatch(&self, ctx: serenity::Context, event: serenity::FullEvent) {
        let Some(_guard) = self.in_flight.try_enter() else {
            tracing::info!(
                event = event.snake_case_name(),
                "shutting down; event ignored"
            );
            return;
        };
        self.inner.dispatch(ctx, event).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drained_waits_for_the_last_guard() {
        let in_flight = InFlight::new();
        let guard = in_flight.enter();
        let second = in_flight.enter();
        assert_eq!(in_flight.count(), 2);
        let waiter = tokio::spawn({
            let in_flight = in_flight.clone();
            async move { in_flight.drained(Duration::from_secs(5)).await }
        });
        drop(guard);
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        drop(second);
        assert!(waiter.await.expect("waiter task"));
        assert_eq!(in_flight.count(), 0);
    }

    #[tokio::test]
    async fn drained_gives_up_after_its_limit() {
        let in_flight = InFlight::new();
        let _stuck = in_flight.enter();
        assert!(!in_flight.drained(Duration::from_millis(30)).await);
    }

    #[test]
    fn closing_refuses_new_work_but_not_extensions() {
        let in_flight = InFlight::new();
        assert!(in_flight.try_enter().is_some());
        in_flight.close();
        assert!(in_flight.is_closing());
        assert!(in_flight.try_enter().is_none());
        assert_eq!(
            in_flight.count(),
            0,
            "a refused entry must not stay counted"
        );
        let _extension = in_flight.enter();
        assert_eq!(in_flight.count(), 1);
    }
}
