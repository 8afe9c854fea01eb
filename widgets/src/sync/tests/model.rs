//! A model of the server's rules for the outbox tests: versions with `If-Match`,
//! idempotency keys that answer a retry with the first answer, refused values.

use std::collections::BTreeMap;

use super::super::*;

/// Sets a resource's value; a negative value is refused (422), like an invalid field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SetValue(pub(super) i64);

pub(super) const RESOURCES: [&str; 3] = ["inquiry/a", "inquiry/b", "customer/c"];

/// The server's rules, as api-stub applies them.
#[derive(Default)]
pub(super) struct Server {
    pub(super) resources: BTreeMap<String, (Version, i64)>,
    /// Idempotency store: key → the request's fingerprint and the first answer.
    answers: BTreeMap<String, ((Option<Version>, SetValue), Outcome)>,
    /// Every application, in order: the key.
    pub(super) applied: Vec<String>,
}

impl Server {
    pub(super) fn new() -> Server {
        Server {
            resources: RESOURCES
                .iter()
                .map(|resource| ((*resource).to_owned(), (1, 0)))
                .collect(),
            ..Server::default()
        }
    }

    pub(super) fn handle(&mut self, entry: &Entry<SetValue>) -> Outcome {
        let fingerprint = (entry.if_match, entry.op);
        if let Some((first, answer)) = self.answers.get(&entry.key) {
            return if *first == fingerprint {
                answer.clone()
            } else {
                Outcome::Rejected {
                    status: 422,
                    detail: "idempotency key reused".to_owned(),
                }
            };
        }
        let Some((version, value)) = self.resources.get_mut(&entry.resource) else {
            return Outcome::Rejected {
                status: 404,
                detail: "not found".to_owned(),
            };
        };
        let answer = if entry.if_match != Some(*version) {
            Outcome::Conflict { current: *version }
        } else if entry.op.0 < 0 {
            Outcome::Rejected {
                status: 422,
                detail: "must not be negative".to_owned(),
            }
        } else {
            *version += 1;
            *value = entry.op.0;
            self.applied.push(entry.key.clone());
            Outcome::Applied {
                version: Some(*version),
            }
        };
        self.answers
            .insert(entry.key.clone(), (fingerprint, answer.clone()));
        answer
    }
}
