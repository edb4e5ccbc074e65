//! A hash for the short keys a bank is read by: question ids, words. The standard library's
//! hash resists keys chosen to collide, which costs several times as much per key; ids and words
//! come from the author's own files, so a simple hash does.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map with [`Fnv`] keys.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The Fowler–Noll–Vo hash (FNV-1a), a byte at a time.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_as_with_the_standard_hash() {
        let mut map: FastMap<(String, usize), u32> = FastMap::default();
        for i in 0..1000 {
            map.insert((format!("q{i}"), i % 7), i as u32);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get(&("q42".to_owned(), 0)), Some(&42));
        assert_eq!(map.get(&("q42".to_owned(), 1)), None);
    }
}
