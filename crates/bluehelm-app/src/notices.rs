//! The notice outbox. The expiry sweep queues a notice for each record reaching a lead time
//! (90, 30, 7 days) for each officer who should hear of it (the agency officers of the
//! nearest agency at or above the person's that has any; medical officers likewise for
//! medical fitness). The legal sweep queues one for each coordinator about each document
//! of the registry that ends or is replaced within the legal health horizon. The outbox's
//! unique key makes every sweep idempotent, so each notice is queued once whatever the
//! schedule, also when two sweeps run at once. Notices are read in the application and,
//! when a mail relay is configured, e-mailed.

use std::collections::{BTreeMap, HashMap};

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::lang::Lang;
use bluehelm_domain::message::Message as Said;
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_domain::records::{due_lead_time, nearest_staffed, notice_role, LEAD_TIMES_DAYS};
use bluehelm_domain::role::Role;
use bluehelm_store::notice::{NewNotice, Notice, OutgoingNotice, Watcher};
use bluehelm_store::records::SOONEST_FIRST;
use bluehelm_store::{Actor, Store};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::{Date, Duration};

use crate::i18n::Tr;
use crate::AppError;
use crate::Ctx;

/// The accounts holding one role, grouped by their agency.
struct Staff {
    agencies: Vec<AgencyPath>,
    accounts: Vec<Vec<i64>>,
}

impl Staff {
    fn of(watchers: &[Watcher], role: Role) -> Self {
        let mut by_agency: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
        for watcher in watchers
            .iter()
            .filter(|w| Role::parse(&w.role) == Some(role))
        {
            by_agency
                .entry(watcher.agency_path.as_str())
                .or_default()
                .push(watcher.account_id);
        }
        let (agencies, accounts) = by_agency
            .into_iter()
            .map(|(path, accounts)| (AgencyPath::from_stored(path.to_owned()), accounts))
            .unzip();
        Self { agencies, accounts }
    }

    /// The accounts told about a person owned by `owner`.
    fn for_owner(&self, owner: &AgencyPath) -> &[i64] {
        nearest_staffed(owner, &self.agencies).map_or(&[], |index| &self.accounts[index])
    }
}

/// Queues the notices due on `today` and returns how many were new.
pub async fn queue_expiry_notices(store: &Store, today: Date) -> Result<u64, AppError> {
    let horizon = today + Duration::days(LEAD_TIMES_DAYS[0]);
    let expiries = store
        .expiries(None, today, horizon, true, SOONEST_FIRST, None)
        .await?;
    let watchers = store.watchers().await?;
    if watchers.is_empty() || expiries.is_empty() {
        return Ok(0);
    }
    let officers = Staff::of(&watchers, notice_role(false));
    let medical = Staff::of(&watchers, notice_role(true));
    let paths: HashMap<i64, AgencyPath> = store
        .all_agencies()
        .await?
        .into_iter()
        .map(|agency| (agency.id, agency.path()))
        .collect();
    let mut notices = Vec::new();
    for expiry in &expiries {
        let (Some(lead_days), Some(owner)) = (
            due_lead_time(expiry.expires_on, today),
            paths.get(&expiry.agency_id),
        ) else {
            continue;
        };
        let staff = if expiry.record == "medical" {
            &medical
        } else {
            &officers
        };
        for &account_id in staff.for_owner(owner) {
            notices.push(NewNotice {
                account_id,
                person_id: Some(expiry.person_id),
                record: expiry.record.clone(),
                record_id: expiry.record_id,
                what: expiry.what.clone(),
                expires_on: expiry.expires_on,
                lead_days,
            });
        }
    }
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    let added = tx.queue_notices(&notices).await?;
    tx.commit().await?;
    Ok(added)
}

/// Runs every sweep for `today` and returns how many notices were new.
pub async fn queue_due_notices(store: &Store, today: Date) -> Result<u64, AppError> {
    Ok(queue_expiry_notices(store, today).await?
        + queue_legal_notices(store, today).await?
        + queue_task_notices(store, today).await?)
}

/// What a notice about a task is about.
pub const TASK: &str = "task";

/// How many days before its deadline an open task is recalled to its agencies.
pub const TASK_REMINDER_DAYS: i64 = 7;

/// Queues the reminders of open tasks, each once: to the officers and coordinators of
/// every agency a task involves when its deadline is within [`TASK_REMINDER_DAYS`], and
/// again when it has passed; an overdue task is also escalated, once, to the standing
/// agency of the body whose conference or inspection gave it (its officers and
/// coordinators), or to the department's coordinators when no body gave it or its
/// standing agency has nobody to tell. Returns how many notices were new. The outbox's unique key (account,
/// record, id, lead time) keeps each threshold to one notice, also when sweeps overlap.
pub async fn queue_task_notices(store: &Store, today: Date) -> Result<u64, AppError> {
    let until = today.saturating_add(time::Duration::days(TASK_REMINDER_DAYS));
    let due = store.open_tasks_due(until).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = due.iter().map(|(id, _)| *id).collect();
    let recipients = store.task_recipients(&ids).await?;
    let overdue_ids: Vec<i64> = due
        .iter()
        .filter(|(_, due_on)| *due_on < today)
        .map(|(id, _)| *id)
        .collect();
    let standing = store.task_escalation_recipients(&overdue_ids).await?;
    let coordinators = store.accounts_with_role(Role::Coordinator.as_str()).await?;
    let mut notices = Vec::new();
    for &(task, due_on) in &due {
        let overdue = due_on < today;
        let (what, lead_days) = if overdue {
            ("overdue", 0)
        } else {
            ("due_soon", TASK_REMINDER_DAYS)
        };
        let notice = |account_id: i64, what: &str, lead_days: i64| NewNotice {
            account_id,
            person_id: None,
            record: TASK.to_owned(),
            record_id: task,
            what: what.to_owned(),
            expires_on: due_on,
            lead_days,
        };
        notices.extend(
            recipients
                .iter()
                .filter(|(id, _)| *id == task)
                .map(|&(_, account)| notice(account, what, lead_days)),
        );
        if overdue {
            // A lead time no reminder uses marks the escalation.
            let mut escalated: Vec<i64> = standing
                .iter()
                .filter(|(id, _)| *id == task)
                .map(|&(_, account)| account)
                .collect();
            if escalated.is_empty() {
                escalated.clone_from(&coordinators);
            }
            notices.extend(
                escalated
                    .into_iter()
                    .map(|account| notice(account, "escalated", -1)),
            );
        }
    }
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    let added = tx.queue_notices(&notices).await?;
    tx.commit().await?;
    Ok(added)
}

/// What a notice about a legal document is about.
pub const LEGAL_DOCUMENT: &str = "legal_document";

/// Queues, for each coordinator, one notice about each document of the legal registry that
/// ends or is replaced within the legal health horizon of `today`, and returns how many were
/// new. A document whose end moves later is not told of again.
pub async fn queue_legal_notices(store: &Store, today: Date) -> Result<u64, AppError> {
    let health = crate::legal::health_on(store, today).await?;
    if health.ending.is_empty() {
        return Ok(0);
    }
    let coordinators = store.accounts_with_role(Role::Coordinator.as_str()).await?;
    let notices: Vec<NewNotice> = health
        .ending
        .iter()
        .flat_map(|ending| {
            let what = match ending.status {
                bluehelm_domain::legal::Status::Replaced { .. } => "replaced",
                _ => "ended",
            };
            coordinators.iter().map(move |&account_id| NewNotice {
                account_id,
                person_id: None,
                record: LEGAL_DOCUMENT.to_owned(),
                record_id: ending.document.id,
                what: what.to_owned(),
                expires_on: ending.on,
                lead_days: crate::legal::HEALTH_HORIZON_DAYS,
            })
        })
        .collect();
    if notices.is_empty() {
        return Ok(0);
    }
    let mut tx = store.begin_write(Actor::SYSTEM).await?;
    let added = tx.queue_notices(&notices).await?;
    tx.commit().await?;
    Ok(added)
}

/// The caller's own notices, newest first. Notices of medical fitness stay hidden from a
/// caller who no longer holds the medical role.
pub async fn my_notices(ctx: &Ctx<'_>, limit: i64) -> Result<Vec<Notice>, AppError> {
    Ok(ctx
        .store
        .notices(ctx.principal.user_id, may_read_medical(ctx), limit)
        .await?)
}

fn may_read_medical(ctx: &Ctx<'_>) -> bool {
    policy::scope(ctx.principal, Action::Read, Resource::Medical).is_ok()
}

pub async fn unread_count(ctx: &Ctx<'_>) -> Result<i64, AppError> {
    Ok(ctx
        .store
        .unread_notices(ctx.principal.user_id, may_read_medical(ctx))
        .await?)
}

/// Marks one of the caller's notices read, or all of them.
pub async fn mark_read(ctx: &Ctx<'_>, id: Option<i64>) -> Result<u64, AppError> {
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let read = tx.mark_notices_read(ctx.principal.user_id, id).await?;
    tx.commit().await?;
    Ok(read)
}

/// Where notices are e-mailed: a relay reached over plain SMTP (the relay is expected on
/// the agency's own network and carries the mail onward under its own encryption policy).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The address people open Bluehelm at, for links in the mail.
    public_url: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A mailer for `relay` given as `smtp://host[:port]`.
    pub fn new(relay: &str, from: &str, public_url: Option<String>) -> Result<Self, String> {
        let rest = relay.strip_prefix("smtp://").ok_or_else(|| {
            format!("{relay:?}: the mail relay must be given as smtp://host[:port]")
        })?;
        let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>()
                    .map_err(|_| format!("{relay:?}: the port is not a number"))?,
            ),
            None => (rest.trim_end_matches('/'), 25),
        };
        if host.is_empty() {
            return Err(format!("{relay:?}: the mail relay has no host"));
        }
        let from = from
            .parse::<Mailbox>()
            .map_err(|error| format!("{from:?} is not a sender address: {error}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Self {
            transport,
            from,
            public_url: public_url.map(|url| url.trim_end_matches('/').to_owned()),
        })
    }

    fn message(&self, outgoing: &OutgoingNotice, today: Date) -> Result<Message, String> {
        let tr = Tr::new(Lang::parse(&outgoing.lang).unwrap_or(Lang::Vi));
        let notice = &outgoing.notice;
        let (subject, mut body) = notice_text(&tr, notice, today);
        if let Some(url) = &self.public_url {
            body.push_str(&format!("\n\n{url}{}\n", notice_path(notice)));
        }
        let to = outgoing
            .email
            .parse::<Mailbox>()
            .map_err(|error| error.to_string())?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|error| error.to_string())
    }
}

/// Where a notice leads in the application.
pub fn notice_path(notice: &Notice) -> String {
    match notice.person_id {
        Some(person_id) => format!("/people/{person_id}"),
        None if notice.record == LEGAL_DOCUMENT => format!("/legal/{}", notice.record_id),
        None if notice.record == TASK => format!("/tasks/{}", notice.record_id),
        None => "/expiries".to_owned(),
    }
}

/// A notice's subject and first paragraph in the reader's language.
pub fn notice_text(tr: &Tr, notice: &Notice, today: Date) -> (String, String) {
    let days_left = (notice.expires_on - today).whole_days().max(0);
    if notice.record == LEGAL_DOCUMENT {
        let number = notice.subject.clone().unwrap_or_default();
        let key = if notice.what == "replaced" {
            "notice.legal_replaced"
        } else {
            "notice.legal_ended"
        };
        let message = Said::new(key)
            .text("number", number)
            .date("on", notice.expires_on)
            .number("days", days_left);
        return (
            tr.render(Said::new("notice.legal_subject")),
            tr.render(message),
        );
    }
    if notice.record == TASK {
        let key = match notice.what.as_str() {
            "escalated" => "notice.task_escalated",
            "overdue" => "notice.task_overdue",
            _ => "notice.task_due_soon",
        };
        let message = Said::new(key)
            .text("title", notice.subject.clone().unwrap_or_default())
            .date("on", notice.expires_on)
            .number("days", days_left);
        return (
            tr.render(Said::new("notice.task_subject")),
            tr.render(message),
        );
    }
    let record = tr.t(match notice.record.as_str() {
        "document" => "notice.record.document",
        "language" => "notice.record.language",
        "qualification" => "notice.record.qualification",
        _ => "notice.record.medical",
    });
    let expires_on = tr.date(notice.expires_on);
    let name = notice.full_name().unwrap_or_default();
    let subject = format!(
        "{}: {name} — {record} {} {expires_on}",
        tr.t("notice.subject"),
        tr.t("notice.expires_on"),
    );
    let what = if notice.record == "medical" {
        String::new()
    } else {
        let named = match tr.lang {
            Lang::Vi => notice.what_vi.as_deref(),
            Lang::En => notice.what_en.as_deref(),
        };
        let what = named.map_or_else(
            || tr.what_expires(&notice.record, &notice.what),
            str::to_owned,
        );
        format!(" ({what})")
    };
    let body = format!(
        "{name}: {record}{what} {} {expires_on} — {} {days_left}.",
        tr.t("notice.expires_on"),
        tr.t("expiry.in_days"),
    );
    (subject, body)
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u64,
    pub failed: u64,
}

/// E-mails the notices waiting for it, up to `limit` in one round. Each attempt is claimed
/// in the database before the mail goes out, so two servers never send the same notice and
/// a notice that fails five times stays in the application only.
pub async fn deliver(
    store: &Store,
    mailer: &Mailer,
    today: Date,
    limit: i64,
) -> Result<Delivery, AppError> {
    let mut delivery = Delivery::default();
    for outgoing in store.outgoing_notices(limit).await? {
        let id = outgoing.notice.id;
        let mut tx = store.begin_write(Actor::SYSTEM).await?;
        let claimed = tx.claim_email(id, outgoing.email_attempts).await?;
        tx.commit().await?;
        if !claimed {
            continue;
        }
        let sent = match mailer.message(&outgoing, today) {
            Ok(message) => match mailer.transport.send(message).await {
                Ok(_) => true,
                Err(error) => {
                    tracing::warn!(notice = id, %error, "notice e-mail failed");
                    false
                }
            },
            Err(error) => {
                tracing::warn!(notice = id, %error, "notice e-mail not built");
                false
            }
        };
        if sent {
            let mut tx = store.begin_write(Actor::SYSTEM).await?;
            tx.mark_emailed(id).await?;
            tx.commit().await?;
            delivery.sent += 1;
        } else {
            delivery.failed += 1;
        }
    }
    Ok(delivery)
}

/// Runs the sweep and the delivery every `every`, for as long as the server runs.
pub async fn run_outbox(store: Store, mailer: Option<Mailer>, every: std::time::Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let today = time::OffsetDateTime::now_utc().date();
        // One server of the database does the round; the others skip it.
        let round = store.exclusively("notices", outbox_round(&store, mailer.as_ref(), today));
        if let Err(error) = round.await {
            tracing::warn!(%error, "notice round not run");
        }
    }
}

/// One round of the outbox: queue the notices due `today`, then e-mail what is queued.
pub async fn outbox_round(store: &Store, mailer: Option<&Mailer>, today: Date) {
    match queue_due_notices(store, today).await {
        Ok(added) if added > 0 => tracing::info!(added, "notices queued"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "notice sweep failed"),
    }
    if let Some(mailer) = mailer {
        match deliver(store, mailer, today, 500).await {
            Ok(delivery) if delivery.sent + delivery.failed > 0 => {
                tracing::info!(
                    sent = delivery.sent,
                    failed = delivery.failed,
                    "notices e-mailed"
                )
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "notice delivery failed"),
        }
    }
}
