//! Who may try to take a seat: pages served by this host (a browser's `Origin` must be one of
//! the host's own addresses), and not too many wrong join codes, from one address or from all.
//! A page elsewhere on the web that a student visits cannot open a socket to the class, and a
//! code cannot be guessed by trying many.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::refusal::Refusal;

/// Wrong codes one address may send in a [`ATTEMPT_WINDOW`]; then its join attempts are refused
/// until the window ends.
const WRONG_CODES_PER_ADDRESS: u32 = 10;

/// Wrong codes from all addresses together in a [`ATTEMPT_WINDOW`]; then every join attempt is
/// refused until the window ends (students seated already are not affected).
const WRONG_CODES_OVERALL: u32 = 100;

const ATTEMPT_WINDOW: Duration = Duration::from_secs(60);

/// How often the host looks its addresses up again when a page comes from one it does not know
/// (the network may have given it a new one).
const ADDRESS_REFRESH: Duration = Duration::from_secs(1);

pub(crate) struct Gate {
    addresses: Mutex<Addresses>,
    attempts: Mutex<Attempts>,
    /// Looks the host's addresses up.
    lookup: fn() -> Vec<IpAddr>,
}

struct Addresses {
    known: Vec<IpAddr>,
    looked_up: Instant,
}

impl Gate {
    /// A gate for a host whose addresses `lookup` returns.
    pub(crate) fn new(lookup: fn() -> Vec<IpAddr>) -> Gate {
        Gate {
            addresses: Mutex::new(Addresses {
                known: lookup(),
                looked_up: Instant::now(),
            }),
            attempts: Mutex::new(Attempts::new(Instant::now())),
            lookup,
        }
    }

    /// Whether a websocket with this `Origin` header may open: none (a client that is not a
    /// browser), or a page whose address is one of the host's own or `localhost`.
    pub(crate) fn origin_allowed(&self, origin: Option<&[u8]>) -> bool {
        let Some(origin) = origin else { return true };
        let Some(host) = std::str::from_utf8(origin).ok().and_then(origin_host) else {
            return false;
        };
        if host.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = host.parse::<IpAddr>() else {
            return false;
        };
        let mut addresses = lock(&self.addresses);
        if !addresses.known.contains(&ip) && addresses.looked_up.elapsed() >= ADDRESS_REFRESH {
            addresses.known = (self.lookup)();
            addresses.looked_up = Instant::now();
        }
        addresses.known.contains(&ip)
    }

    /// Whether `peer` may try a join code now; why not, if not.
    pub(crate) fn may_try(&self, peer: IpAddr) -> Result<(), Refusal> {
        lock(&self.attempts).may_try(peer, Instant::now())
    }

    /// Counts a wrong code from `peer`.
    pub(crate) fn wrong_code(&self, peer: IpAddr) {
        lock(&self.attempts).wrong_code(peer, Instant::now());
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The host of an origin such as `http://192.168.1.20:8080` or `http://[::1]:8080`.
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))?;
    if let Some(bracketed) = rest.strip_prefix('[') {
        return bracketed.split_once(']').map(|(host, _)| host);
    }
    Some(rest.split(':').next().unwrap_or(rest))
}

/// Wrong codes in the current window, by address and in all. The map holds at most
/// [`WRONG_CODES_OVERALL`] addresses, since only wrong codes add to it.
struct Attempts {
    window: Instant,
    overall: u32,
    by_address: HashMap<IpAddr, u32>,
}

impl Attempts {
    fn new(now: Instant) -> Self {
        Attempts {
            window: now,
            overall: 0,
            by_address: HashMap::new(),
        }
    }

    fn roll(&mut self, now: Instant) {
        if now.saturating_duration_since(self.window) >= ATTEMPT_WINDOW {
            *self = Attempts::new(now);
        }
    }

    fn may_try(&mut self, peer: IpAddr, now: Instant) -> Result<(), Refusal> {
        self.roll(now);
        if self.by_address.get(&peer).copied().unwrap_or(0) >= WRONG_CODES_PER_ADDRESS {
            return Err(Refusal::TooManyWrongCodesHere);
        }
        if self.overall >= WRONG_CODES_OVERALL {
            return Err(Refusal::TooManyWrongCodes);
        }
        Ok(())
    }

    fn wrong_code(&mut self, peer: IpAddr, now: Instant) {
        self.roll(now);
        self.overall += 1;
        *self.by_address.entry(peer).or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Vec<IpAddr> {
        vec![
            "127.0.0.1".parse().unwrap(),
            "192.168.1.20".parse().unwrap(),
        ]
    }

    #[test]
    fn only_pages_from_the_hosts_own_addresses_may_open_a_socket() {
        let gate = Gate::new(loopback);
        assert!(gate.origin_allowed(None));
        assert!(gate.origin_allowed(Some(b"http://192.168.1.20:8080")));
        assert!(gate.origin_allowed(Some(b"http://127.0.0.1:8080")));
        assert!(gate.origin_allowed(Some(b"http://localhost:8080")));
        assert!(!gate.origin_allowed(Some(b"https://quiz.example.com")));
        assert!(!gate.origin_allowed(Some(b"http://192.168.1.21:8080")));
        assert!(!gate.origin_allowed(Some(b"null")));
        assert!(!gate.origin_allowed(Some(b"http://[::1]:8080")));
        assert_eq!(origin_host("http://[::1]:8080"), Some("::1"));
    }

    #[test]
    fn wrong_codes_are_limited_per_address_and_overall_for_a_minute() {
        let start = Instant::now();
        let mut attempts = Attempts::new(start);
        let one: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..WRONG_CODES_PER_ADDRESS {
            assert!(attempts.may_try(one, start).is_ok());
            attempts.wrong_code(one, start);
        }
        assert!(attempts.may_try(one, start).is_err());
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(attempts.may_try(other, start).is_ok());

        for n in 0..WRONG_CODES_OVERALL {
            attempts.wrong_code(IpAddr::from([10, 1, (n / 256) as u8, n as u8]), start);
        }
        assert!(attempts.may_try(other, start).is_err());
        let later = start + ATTEMPT_WINDOW;
        assert!(attempts.may_try(one, later).is_ok());
        assert!(attempts.may_try(other, later).is_ok());
    }
}
