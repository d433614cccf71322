//! Text: the bottom layer every stage shares — normalisation of decoded text, the
//! folded keys words and names are compared by, and the hashes the manifest records.
//! It depends on no other module of the crate.

mod fold;
mod hash;
mod normalize;

pub use fold::{fold, fold_diacritics};
pub use hash::sha256_hex;
pub use normalize::normalize;
