//! Objection Dojo: a skeptical prospect to spar with, and an explainable
//! empathy scorer that judges how a trainee handles objections.
//!
//! The domain (`scoring`, `prospect`, `library`, `practice`) is pure; `store`
//! is the only code that touches sled; `app` holds the use cases once; `cli`
//! and `discord` are thin front ends over `app`.

pub mod app;
pub mod cli;
pub mod config;
pub mod discord;
pub mod lang;
pub mod library;
pub mod practice;
pub mod prospect;
pub mod scoring;
pub mod store;
pub mod time;

pub use lang::Lang;
