//! The record of one input file that the manifest, the inputs sheet and the partial
//! results keep: what was read, or why it was skipped.

use super::{Document, IngestOutcome};

/// Whether an input file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputStatus {
    Read,
    Skipped,
}

impl InputStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InputStatus::Read => "read",
            InputStatus::Skipped => "skipped",
        }
    }
}

/// One input file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputRecord {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub status: InputStatus,
    pub reason: Option<String>,
}

impl InputRecord {
    pub fn is_read(&self) -> bool {
        self.status == InputStatus::Read
    }

    /// The record of a read attempt, and the document when the file could be read.
    pub fn of(outcome: IngestOutcome) -> (InputRecord, Option<Document>) {
        let mut record = InputRecord {
            path: outcome.name,
            bytes: outcome.bytes,
            sha256: outcome.sha256,
            format: None,
            encoding: None,
            status: InputStatus::Read,
            reason: None,
        };
        match outcome.result {
            Ok(doc) => {
                record.format = Some(doc.format.to_string());
                record.encoding = Some(doc.encoding.to_string());
                (record, Some(doc))
            }
            Err(e) => {
                record.status = InputStatus::Skipped;
                record.reason = Some(e.to_string());
                (record, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_written_as_the_manifest_has_always_spelled_it() {
        assert_eq!(serde_json::to_string(&InputStatus::Read).unwrap(), "\"read\"");
        assert_eq!(
            serde_json::to_string(&InputStatus::Skipped).unwrap(),
            "\"skipped\""
        );
        assert_eq!(InputStatus::Skipped.as_str(), "skipped");
    }

    #[test]
    fn a_failed_read_is_a_skipped_record_with_its_reason() {
        let outcome = IngestOutcome {
            name: "a.rtf".into(),
            bytes: 3,
            sha256: "x".into(),
            result: Err(super::super::IngestError::Empty),
        };
        let (record, doc) = InputRecord::of(outcome);
        assert!(doc.is_none() && !record.is_read());
        assert_eq!(
            record.reason.as_deref(),
            Some(super::super::IngestError::Empty.to_string().as_str())
        );
    }
}
