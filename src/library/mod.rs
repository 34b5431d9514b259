//! The objection library's domain: objections, pushbacks, counter-arguments,
//! their validation, the audit trail and the JSON exchange format.

mod audit;
mod builtin;
mod exchange;
mod model;
mod slug;
mod validate;

pub use audit::*;
pub use builtin::*;
pub use exchange::*;
pub use model::*;
pub use slug::*;
pub use validate::*;
