//! Sync with CouchDB 3.x over its replication protocol (issue 19): the protocol engine, as
//! plain Rust with no I/O of its own.
//!
//! The engine says what to do ([`Action`]: make this HTTP request, read these local records,
//! apply this batch in one transaction, remove these outbox entries) and is told how it went
//! ([`Input`]). The same engine runs over the browser's `fetch` and IndexedDB, and over a fake
//! server in host tests. `docs/sync.md` has the protocol step by step and what is not built yet.
//!
//! ```ignore
//! let mut run = Run::new(&config);
//! let mut action = run.next(Input::Start);
//! loop {
//!     let input = match action {
//!         Action::Send(request) => Input::Reply(fetch(request).await),
//!         Action::Wait { ms } => { sleep(ms).await; Input::Waited }
//!         Action::ReadLocal(ids) => Input::Local(read(ids).await),
//!         Action::Apply(batch) => apply(batch).await, // Input::Written or Input::Stale
//!         Action::ReadOutbox => Input::Outbox(outbox().await),
//!         Action::Remove(seqs) => { remove(seqs).await; Input::Written }
//!         Action::Done(result) => break result,
//!     };
//!     action = run.next(input);
//! }
//! ```

pub mod conflict;
pub mod doc;
pub mod engine;
pub mod http;
pub mod local;
pub mod memory;
pub mod pull;
pub mod push;
pub mod rev;
pub mod session;
pub mod state;
pub mod team;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

pub use conflict::{Conflict, Policy, Resolution, resolve};
pub use doc::{Collection, DocId, Revision, Version};
pub use engine::{Action, Batch, Config, DeviceId, Input, Limits, LocalDoc, OutboxEntry, Progress, Summary, Write};
pub use http::{Reply, Request, Response, SyncError, Transport};
pub use pull::Pull;
pub use push::Push;
pub use rev::{Rev, RevPath};
pub use state::{Overview, Status};

/// One sync: pull, then push. Pulling first lets a conflict with an edit still in the outbox be
/// seen before that edit goes up, and pushes in the same run what "newer wins" settled.
#[derive(Debug)]
pub struct Run {
    pull: Pull,
    push: Push,
    pulling: bool,
    pulled: Summary,
    /// A 401 from the database is being told apart with `GET /_session`.
    checking_session: bool,
}

impl Run {
    pub fn new(config: &Config) -> Run {
        Run {
            pull: Pull::new(config),
            push: Push::new(config),
            pulling: true,
            pulled: Summary::default(),
            checking_session: false,
        }
    }

    pub fn next(&mut self, input: Input) -> Action {
        if self.checking_session {
            self.checking_session = false;
            return Action::Done(Err(match input {
                Input::Reply(reply) => signed_in_but_refused(reply),
                _ => SyncError::OutOfStep,
            }));
        }
        let action = if self.pulling {
            match self.pull.next(input) {
                Action::Done(Ok(pulled)) => {
                    self.pulled = pulled;
                    self.pulling = false;
                    self.push.next(Input::Start)
                }
                other => other,
            }
        } else {
            match self.push.next(input) {
                Action::Done(Ok(pushed)) => Action::Done(Ok(Summary { pushed: pushed.pushed, ..self.pulled })),
                other => other,
            }
        };
        // A 401 means "not signed in" on CouchDB 3.x, but a server may also answer it to a
        // signed-in user who is not a member (pouchdb-server does, where CouchDB says 403).
        // Asking who is signed in keeps "sign in again" from being shown to someone whose
        // sign-in is fine and would not help.
        if action == Action::Done(Err(SyncError::NeedsLogin)) {
            self.checking_session = true;
            return Action::Send(session::check());
        }
        action
    }

    /// How far the pull is (what a long first sync shows).
    pub fn progress(&self) -> Progress {
        self.pull.progress()
    }
}

/// The answer to `GET /_session` after a 401: someone signed in means the database refused them
/// ([`SyncError::Forbidden`]); anything else, including no answer, [`SyncError::NeedsLogin`].
fn signed_in_but_refused(reply: Reply) -> SyncError {
    match session::current(reply) {
        Ok(Some(_)) => SyncError::Forbidden,
        _ => SyncError::NeedsLogin,
    }
}
