//! Helpers shared by the integration tests.

// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

pub mod class;
