//! The one sync status the shell shows, derived from plain facts. Words live in `src/i18n`.

use super::engine::Progress;
use super::http::SyncError;
use chrono::NaiveDateTime;

/// What the user sees at a glance ("已同步 · 刚刚", "3 条待上传", "离线"…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Sync is set up but has never completed.
    NeverSynced,
    Syncing {
        done: u64,
        total: Option<u64>,
    },
    /// The session expired or was refused: sign in again (the book keeps working meanwhile).
    NeedsLogin,
    /// Records with two versions waiting for the user's choice.
    Conflicts(usize),
    Offline,
    /// Changes waiting to be pushed.
    Pending(usize),
    /// The last run stopped for another reason.
    Failed(SyncError),
    Synced {
        at: NaiveDateTime,
    },
}

/// The facts the status is made of.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// A run is under way, this far.
    pub running: Option<Progress>,
    /// How the last finished run ended, and when.
    pub last: Option<(NaiveDateTime, Result<(), SyncError>)>,
    /// When a run last completed.
    pub synced_at: Option<NaiveDateTime>,
    /// Entries in the outbox.
    pub outbox: usize,
    /// Conflicts kept for the user.
    pub conflicts: usize,
}

impl Status {
    /// One status, the most useful first: what is happening now, then what needs the user
    /// (sign in, choose), then why the book is not in step, then that it is.
    pub fn of(overview: &Overview) -> Status {
        if let Some(progress) = overview.running {
            return Status::Syncing { done: progress.done, total: progress.total };
        }
        let last_error = overview.last.as_ref().and_then(|(_, result)| result.clone().err());
        if matches!(last_error, Some(SyncError::NeedsLogin | SyncError::WrongPassword)) {
            return Status::NeedsLogin;
        }
        if overview.conflicts > 0 {
            return Status::Conflicts(overview.conflicts);
        }
        match last_error {
            Some(SyncError::Offline) => Status::Offline,
            Some(error) => Status::Failed(error),
            None if overview.outbox > 0 => Status::Pending(overview.outbox),
            None => overview.synced_at.map_or(Status::NeverSynced, |at| Status::Synced { at }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 2, 17).and_then(|d| d.and_hms_opt(hour, 0, 0)).unwrap()
    }

    #[test]
    fn the_user_sees_what_needs_them_before_what_is_merely_waiting() {
        let ok = Overview { last: Some((at(9), Ok(()))), synced_at: Some(at(9)), ..Overview::default() };
        assert_eq!(Status::of(&ok), Status::Synced { at: at(9) });
        assert_eq!(Status::of(&Overview { outbox: 3, ..ok.clone() }), Status::Pending(3));
        let offline = Overview { last: Some((at(10), Err(SyncError::Offline))), outbox: 3, ..ok.clone() };
        assert_eq!(Status::of(&offline), Status::Offline, "offline says why the 3 are waiting");
        assert_eq!(Status::of(&Overview { conflicts: 2, ..offline.clone() }), Status::Conflicts(2));
        let expired = Overview { last: Some((at(10), Err(SyncError::NeedsLogin))), conflicts: 2, ..ok.clone() };
        assert_eq!(Status::of(&expired), Status::NeedsLogin);
        let busy = Overview { running: Some(Progress { done: 100, total: Some(250) }), ..expired };
        assert_eq!(Status::of(&busy), Status::Syncing { done: 100, total: Some(250) });
        let refused = Overview { last: Some((at(10), Err(SyncError::Forbidden))), ..ok };
        assert_eq!(Status::of(&refused), Status::Failed(SyncError::Forbidden));
        assert_eq!(Status::of(&Overview::default()), Status::NeverSynced);
    }
}
