//! Files cross from the webview as base64 text: a web page cannot hand over a path, and
//! a JSON array of numbers would be four times larger. One decoder for every command.

use base64::Engine;
use ikp_core::{CoreError, InputProblem};

/// The bytes of a file sent by the page; `field` names the input when they are not base64.
pub fn decode(field: &str, content_base64: &str) -> Result<Vec<u8>, CoreError> {
    base64::engine::general_purpose::STANDARD
        .decode(content_base64.as_bytes())
        .map_err(|_| CoreError::invalid(field, InputProblem::NotAllowed))
}
