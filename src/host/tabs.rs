//! The pages open on each seat. A student may have the class open on a phone and a laptop, or in
//! a couple of tabs; past [`TABS_PER_SEAT`], the page that opens closes the oldest, so that one
//! token cannot hold hundreds of connections.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

/// Pages open on one seat at most.
pub(crate) const TABS_PER_SEAT: usize = 4;

#[derive(Default)]
pub(crate) struct Tabs {
    next: AtomicU64,
    open: Mutex<HashMap<String, VecDeque<Tab>>>,
}

/// One page on a seat; told when a newer page has taken its place.
#[derive(Clone)]
pub(crate) struct Tab {
    id: u64,
    replaced: Arc<Notify>,
}

impl Tab {
    /// Waits until a newer page on the same seat takes this one's place.
    pub(crate) async fn replaced(&self) {
        self.replaced.notified().await;
    }
}

impl Tabs {
    /// A new page on the seat of `token`; the oldest is told to close past the limit.
    pub(crate) fn open(&self, token: &str) -> Tab {
        let tab = Tab {
            id: self.next.fetch_add(1, Ordering::Relaxed),
            replaced: Arc::new(Notify::new()),
        };
        let mut open = self.lock();
        let pages = open.entry(token.to_owned()).or_default();
        pages.push_back(tab.clone());
        while pages.len() > TABS_PER_SEAT {
            if let Some(oldest) = pages.pop_front() {
                // Kept until the page wakes, if it is not waiting yet.
                oldest.replaced.notify_one();
            }
        }
        tab
    }

    /// The page has closed.
    pub(crate) fn close(&self, token: &str, tab: &Tab) {
        let mut open = self.lock();
        if let Some(pages) = open.get_mut(token) {
            pages.retain(|t| t.id != tab.id);
            if pages.is_empty() {
                open.remove(token);
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, VecDeque<Tab>>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_new_tab_past_the_limit_replaces_the_oldest() {
        let tabs = Tabs::default();
        let first = tabs.open("seat");
        let rest: Vec<Tab> = (0..TABS_PER_SEAT).map(|_| tabs.open("seat")).collect();
        // The first is told at once; the others are not.
        tokio::time::timeout(std::time::Duration::from_secs(5), first.replaced())
            .await
            .expect("the oldest tab is replaced");
        tabs.close("seat", &first);
        assert_eq!(tabs.lock()["seat"].len(), TABS_PER_SEAT);
        for tab in &rest {
            tabs.close("seat", tab);
        }
        assert!(tabs.lock().is_empty());
    }
}
