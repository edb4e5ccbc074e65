//! The hashes of bank content, all FNV-1a (64 bit): fixed, tiny and the same on every platform
//! and Rust release. They detect change; they are never a security check.
//!
//! - [`question_hash`], [`scenario_hash`] and [`bank_hash`] (`exact`): what a learner saw and how
//!   it was graded, byte for byte. Results files record them so a class report can tell whether
//!   every student answered the same question or walked the same branching scenario.
//! - [`material_hash`] (`material`): only what is material to a question, after text
//!   normalisation. The progress database records it with each answer; a change restarts the
//!   question's review schedule, while a reworded explanation or a fixed typo in case does not.
//! - [`file_hash`]: the bank file's bytes. When it is unchanged no question can have changed, so
//!   review need not work out every material hash again.

mod exact;
mod material;

pub use exact::{PREFIX, bank_hash, question_hash, scenario_hash};
pub use material::material_hash;

/// The hash of a bank file's bytes.
pub fn file_hash(bytes: &[u8]) -> u64 {
    fnv1a64(bytes)
}

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
