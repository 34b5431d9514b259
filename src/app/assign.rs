//! Drills a coach assigns: objections the cohort should spar on before a
//! due date. Sparring serves a trainee's open assignments first, and a
//! coach sees who completed them (a finished debate on every assigned
//! objection, ended after the assignment was created).

use std::collections::BTreeSet;

use super::{App, AppError};
use crate::prospect::{Debate, Outcome};
use crate::store::Assignment;
use crate::time::now_ms;

/// Most objections one assignment may hold.
pub const MAX_ASSIGNED: usize = 10;
/// Furthest due date accepted, in days from now.
pub const MAX_DUE_DAYS: u64 = 366;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// An assignment request that cannot be honoured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// No objection given.
    #[error("name at least one objection to assign")]
    NoObjections,
    /// More than [`MAX_ASSIGNED`] objections.
    #[error("an assignment holds at most {MAX_ASSIGNED} objections, got {0}")]
    TooMany(usize),
    /// Ids not in this guild's library.
    #[error("no objection {} in this library", quoted(.0))]
    UnknownObjections(Vec<String>),
    /// A due date that is neither `YYYY-MM-DD` nor `in 7d`.
    #[error(
        "cannot read the due date \"{0}\": write YYYY-MM-DD (2025-03-31) or a delay (in 7d, in 2w)"
    )]
    BadDue(String),
    /// A due date already past, or absurdly far.
    #[error("the due date must be between today and {MAX_DUE_DAYS} days from now")]
    DueOutOfRange,
    /// No assignment with that number here.
    #[error("there is no assignment #{0} here: /assign list shows them")]
    NotFound(u64),
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new assignment, as a coach describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssignment {
    /// Objection ids, in order (duplicates are dropped).
    pub objections: Vec<String>,
    /// The end of the due day, Unix ms (see [`parse_due`]).
    pub due_ms: u64,
    /// Only members with this role; everyone when `None`.
    pub role: Option<u64>,
}

/// One member's progress on one assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberProgress {
    /// The trainee (a Discord user id).
    pub trainee: String,
    /// Assigned objections they finished a debate on since it was assigned.
    pub done: Vec<String>,
    /// Whether every assigned objection is done.
    pub complete: bool,
}

/// Who completed an assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentStatus {
    /// The assignment.
    pub assignment: Assignment,
    /// One row per member: complete ones first, then by trainee.
    pub members: Vec<MemberProgress>,
}

/// An open assignment as one trainee sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeAssignment {
    /// The assignment.
    pub assignment: Assignment,
    /// Assigned objections the trainee has finished since.
    pub done: Vec<String>,
    /// Those still to do, in the coach's order.
    pub remaining: Vec<String>,
}

impl App {
    /// Assigns objections to the cohort of `guild`: every id must be in the
    /// guild's library and the due date in the future.
    pub fn assign(
        &self,
        guild: u64,
        actor: &str,
        new: NewAssignment,
    ) -> Result<Assignment, AppError> {
        let objections = dedup(new.objections);
        if objections.is_empty() {
            return Err(AssignError::NoObjections.into());
        }
        if objections.len() > MAX_ASSIGNED {
            return Err(AssignError::TooMany(objections.len()).into());
        }
        let known = super::library::ids(self.store(), guild)?;
        let unknown: Vec<String> = objections
            .iter()
            .filter(|id| !known.contains(id))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(AssignError::UnknownObjections(unknown).into());
        }
        let now = now_ms();
        if new.due_ms <= now || new.due_ms > now + (MAX_DUE_DAYS + 1) * DAY_MS {
            return Err(AssignError::DueOutOfRange.into());
        }
        let draft = Assignment {
            id: 0,
            guild,
            objections,
            due_ms: new.due_ms,
            role: new.role,
            created_by: actor.to_string(),
            created_at: now,
            closed: false,
        };
        Ok(self.store().create_assignment(&draft)?)
    }

    /// Every assignment of `guild`, oldest first.
    pub fn assignments(&self, guild: u64) -> Result<Vec<Assignment>, AppError> {
        Ok(self.store().assignments(guild)?)
    }

    /// Assignment `id` of `guild`.
    pub fn assignment(&self, guild: u64, id: u64) -> Result<Assignment, AppError> {
        self.store()
            .assignment(guild, id)?
            .ok_or_else(|| AssignError::NotFound(id).into())
    }

    /// Closes an assignment: it no longer steers sparring (idempotent).
    pub fn close_assignment(&self, guild: u64, id: u64) -> Result<Assignment, AppError> {
        let mut assignment = self.assignment(guild, id)?;
        if !assignment.closed {
            assignment.closed = true;
            self.store().save_assignment(&assignment)?;
        }
        Ok(assignment)
    }

    /// Who completed assignment `id`: a row for each member of `cohort`
    /// (the Discord members it targets), plus, for an assignment to
    /// everyone, each trainee who sparred in the guild since it was made.
    pub fn assignment_status(
        &self,
        guild: u64,
        id: u64,
        cohort: &[String],
    ) -> Result<AssignmentStatus, AppError> {
        let assignment = self.assignment(guild, id)?;
        let debates = self.store().debates_in(guild)?;
        let mut trainees: BTreeSet<&str> = cohort.iter().map(String::as_str).collect();
        if assignment.role.is_none() {
            trainees.extend(
                debates
                    .iter()
                    .filter(|d| d.started_at >= assignment.created_at)
                    .map(|d| d.trainee.as_str()),
            );
        }
        let mut members: Vec<MemberProgress> = trainees
            .into_iter()
            .map(|trainee| {
                let mine: Vec<&Debate> = debates.iter().filter(|d| d.trainee == trainee).collect();
                let done = done_objections(&assignment, &mine);
                MemberProgress {
                    trainee: trainee.to_string(),
                    complete: done.len() == assignment.objections.len(),
                    done,
                }
            })
            .collect();
        members.sort_by(|a, b| b.complete.cmp(&a.complete).then(a.trainee.cmp(&b.trainee)));
        Ok(AssignmentStatus {
            assignment,
            members,
        })
    }

    /// The open assignments of `trainee` (who holds `roles`), soonest due
    /// first, with what is left to do; completed ones are left out.
    pub fn open_assignments(
        &self,
        guild: u64,
        trainee: &str,
        roles: &[u64],
    ) -> Result<Vec<TraineeAssignment>, AppError> {
        let now = now_ms();
        let mut open: Vec<Assignment> = self
            .store()
            .assignments(guild)?
            .into_iter()
            .filter(|a| is_open(a, now) && a.role.map_or(true, |r| roles.contains(&r)))
            .collect();
        if open.is_empty() {
            return Ok(Vec::new());
        }
        open.sort_by_key(|a| (a.due_ms, a.id));
        let debates = self.store().debates_of(guild, trainee)?;
        let mine: Vec<&Debate> = debates.iter().collect();
        Ok(open
            .into_iter()
            .map(|assignment| {
                let done = done_objections(&assignment, &mine);
                let remaining = assignment
                    .objections
                    .iter()
                    .filter(|o| !done.contains(o))
                    .cloned()
                    .collect();
                TraineeAssignment {
                    assignment,
                    done,
                    remaining,
                }
            })
            .filter(|t: &TraineeAssignment| !t.remaining.is_empty())
            .collect())
    }

    /// The objection `/spar` should open with for `trainee` (who holds
    /// `roles`) when none is asked for: the first one left in their
    /// soonest-due open assignment that is still in the library.
    pub fn assigned_next(
        &self,
        guild: u64,
        trainee: &str,
        roles: &[u64],
    ) -> Result<Option<String>, AppError> {
        let known = super::library::ids(self.store(), guild)?;
        Ok(self
            .open_assignments(guild, trainee, roles)?
            .into_iter()
            .flat_map(|t| t.remaining)
            .find(|id| known.contains(id)))
    }
}

/// Open: not closed by a coach and not past its due day.
fn is_open(assignment: &Assignment, now: u64) -> bool {
    !assignment.closed && now <= assignment.due_ms
}

/// The assigned objections finished in `debates` after the assignment was
/// made, in the coach's order. A debate counts when the prospect decided
/// (won or lost): one the trainee abandoned is not a finished drill.
pub fn done_objections(assignment: &Assignment, debates: &[&Debate]) -> Vec<String> {
    let finished: BTreeSet<&str> = debates
        .iter()
        .filter(|d| matches!(d.outcome, Some(Outcome::Won | Outcome::Lost)))
        .filter(|d| d.ended_at.is_some_and(|t| t >= assignment.created_at))
        .map(|d| d.objection_id.as_str())
        .collect();
    assignment
        .objections
        .iter()
        .filter(|o| finished.contains(o.as_str()))
        .cloned()
        .collect()
}

fn dedup(ids: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty() && seen.insert(id.clone()))
        .collect()
}

/// Reads a due date: `YYYY-MM-DD` (the end of that day, UTC) or a delay
/// from `now` (`in 7d`, `7d`, `in 2w`, `dans 3j`, `in 10 days`).
pub fn parse_due(text: &str, now: u64) -> Result<u64, AssignError> {
    let bad = || AssignError::BadDue(text.trim().to_string());
    let t = text.trim().to_lowercase();
    if let Some(day) = parse_date(&t) {
        return Ok((day + 1) * DAY_MS - 1);
    }
    let delay = t
        .strip_prefix("in ")
        .or_else(|| t.strip_prefix("dans "))
        .unwrap_or(&t)
        .trim();
    let split = delay.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = delay.split_at(split);
    let n: u64 = number.parse().map_err(|_| bad())?;
    let days = match unit.trim() {
        "d" | "day" | "days" | "j" | "jour" | "jours" => n,
        "w" | "week" | "weeks" | "s" | "sem" | "semaine" | "semaines" => n.saturating_mul(7),
        _ => return Err(bad()),
    };
    if days == 0 || days > MAX_DUE_DAYS {
        return Err(AssignError::DueOutOfRange);
    }
    Ok(now + days * DAY_MS)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it is one.
fn parse_date(t: &str) -> Option<u64> {
    let mut parts = t.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    u64::try_from(days_from_civil(y, m, d)).ok()
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-03-10T12:00:00Z.
    const NOW: u64 = 1_741_608_000_000;

    #[test]
    fn dates_end_at_midnight_utc_and_delays_count_days() {
        // 2025-03-31T23:59:59.999Z
        assert_eq!(parse_due("2025-03-31", NOW), Ok(1_743_465_599_999));
        assert_eq!(parse_due(" in 7d ", NOW), Ok(NOW + 7 * DAY_MS));
        assert_eq!(parse_due("2w", NOW), Ok(NOW + 14 * DAY_MS));
        assert_eq!(parse_due("dans 3 jours", NOW), Ok(NOW + 3 * DAY_MS));
        assert_eq!(parse_due("2024-02-29", NOW), Ok(19_783 * DAY_MS - 1));
    }

    #[test]
    fn unreadable_or_absurd_due_dates_are_refused() {
        for bad in ["2025-02-30", "2025-13-01", "next friday", "in 7", "7x", ""] {
            assert!(
                matches!(parse_due(bad, NOW), Err(AssignError::BadDue(_))),
                "{bad}"
            );
        }
        assert_eq!(parse_due("in 0d", NOW), Err(AssignError::DueOutOfRange));
        assert_eq!(parse_due("in 400d", NOW), Err(AssignError::DueOutOfRange));
    }

    fn app() -> App {
        crate::app::test_app(3)
    }

    fn two_ids(app: &App) -> (String, String) {
        let ids = super::super::library::ids(app.store(), 9).expect("ids");
        (ids[0].clone(), ids[1].clone())
    }

    fn new(objections: &[&str], role: Option<u64>) -> NewAssignment {
        NewAssignment {
            objections: objections.iter().map(|s| s.to_string()).collect(),
            due_ms: now_ms() + DAY_MS,
            role,
        }
    }

    /// Plays a whole debate on `objection` for `trainee` with a weak answer
    /// until the prospect decides.
    fn finish(app: &App, trainee: &str, objection: &str) {
        let started = app
            .start_debate(
                9,
                trainee,
                crate::app::spar::StartOptions {
                    objection: Some(objection.to_string()),
                    turns: Some(2),
                    ..Default::default()
                },
            )
            .expect("start");
        let id = started.debate.id;
        for _ in 0..2 {
            let answered = app
                .answer(9, &id, trainee, "No. You are wrong, obviously.")
                .expect("answer");
            if answered.verdict.is_some() {
                return;
            }
        }
        panic!("the debate did not end within its turns");
    }

    #[test]
    fn bad_assignments_are_refused_with_every_unknown_id() {
        let app = app();
        let (a, _) = two_ids(&app);
        let err = app
            .assign(9, "coach", new(&[&a, "nope", "nada"], None))
            .unwrap_err();
        assert!(err.is_user_error());
        assert_eq!(
            err.to_string(),
            "no objection \"nope\", \"nada\" in this library"
        );
        let mut past = new(&[&a], None);
        past.due_ms = 1;
        assert!(matches!(
            app.assign(9, "coach", past),
            Err(AppError::Assign(AssignError::DueOutOfRange))
        ));
        assert!(app.assignments(9).unwrap().is_empty(), "nothing stored");
    }

    #[test]
    fn sparring_serves_assignments_first_and_status_tracks_completion() {
        let app = app();
        let (a, b) = two_ids(&app);
        assert_eq!(app.assigned_next(9, "ana", &[]).unwrap(), None);
        let drill = app.assign(9, "coach", new(&[&a, &b, &a], None)).unwrap();
        assert_eq!(drill.objections, vec![a.clone(), b.clone()], "deduplicated");
        assert_eq!(app.assigned_next(9, "ana", &[]).unwrap(), Some(a.clone()));

        finish(&app, "ana", &a);
        assert_eq!(app.assigned_next(9, "ana", &[]).unwrap(), Some(b.clone()));
        let open = app.open_assignments(9, "ana", &[]).unwrap();
        assert_eq!(
            (open[0].done.clone(), open[0].remaining.clone()),
            (vec![a.clone()], vec![b.clone()])
        );

        finish(&app, "ana", &b);
        assert_eq!(app.assigned_next(9, "ana", &[]).unwrap(), None);
        assert!(app.open_assignments(9, "ana", &[]).unwrap().is_empty());

        let status = app
            .assignment_status(9, drill.id, &["ben".to_string()])
            .unwrap();
        let rows: Vec<(&str, bool, usize)> = status
            .members
            .iter()
            .map(|m| (m.trainee.as_str(), m.complete, m.done.len()))
            .collect();
        assert_eq!(rows, vec![("ana", true, 2), ("ben", false, 0)]);
    }

    #[test]
    fn role_assignments_reach_only_role_holders_and_closed_ones_nobody() {
        let app = app();
        let (a, _) = two_ids(&app);
        let drill = app.assign(9, "coach", new(&[&a], Some(42))).unwrap();
        assert_eq!(app.assigned_next(9, "ana", &[7]).unwrap(), None);
        assert_eq!(
            app.assigned_next(9, "ana", &[7, 42]).unwrap(),
            Some(a.clone())
        );
        app.close_assignment(9, drill.id).unwrap();
        assert_eq!(app.assigned_next(9, "ana", &[42]).unwrap(), None);
        assert!(matches!(
            app.close_assignment(9, 99),
            Err(AppError::Assign(AssignError::NotFound(99)))
        ));
    }

    #[test]
    fn debates_before_the_assignment_or_abandoned_do_not_count() {
        let app = app();
        let (a, _) = two_ids(&app);
        finish(&app, "ana", &a);
        // Same-millisecond ends count as after: keep this one clearly before.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let drill = app.assign(9, "coach", new(&[&a], None)).unwrap();
        let started = app
            .start_debate(
                9,
                "ana",
                crate::app::spar::StartOptions {
                    objection: Some(a.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
        app.end_debate(9, &started.debate.id, "ana").unwrap();
        let status = app.assignment_status(9, drill.id, &[]).unwrap();
        assert_eq!(status.members.len(), 1, "ana sparred since: listed");
        assert!(!status.members[0].complete);
        assert_eq!(app.assigned_next(9, "ana", &[]).unwrap(), Some(a));
    }
}
