//! Outreach: each agency records the activities it held to spread the law on
//! peacekeeping and make the participation known; everyone but the viewer reads them, and
//! everyone, the viewer included, reads their totals by year, agency and kind.

use bluehelm_domain::agency::AgencyPath;
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::outreach::{ActivityDraft, ActivityInput};
use bluehelm_domain::policy::{Action, Owner, Resource};
use bluehelm_store::outreach::{Activity, Disseminated, OutreachTotal, ACTIVITY_SORT};

use crate::coordination::Lookup;
use crate::{AppError, Ctx};

pub async fn activities(
    ctx: &Ctx<'_>,
    sort: Option<&str>,
    page: PageRequest,
) -> Result<(Page<Activity>, Vec<Disseminated>), AppError> {
    ctx.scope(Action::Read, Resource::Outreach).await?;
    let sort = Sort::parse(sort.or(Some("-held")), ACTIVITY_SORT)?;
    Ok(ctx.store.activities(sort, page).await?)
}

/// The totals by year, agency and kind: figures that name nobody.
pub async fn totals(ctx: &Ctx<'_>) -> Result<Vec<OutreachTotal>, AppError> {
    ctx.scope(Action::Read, Resource::Statistics).await?;
    Ok(ctx.store.outreach_totals().await?)
}

/// Records an activity held by an agency the caller may record for.
pub async fn create_activity(ctx: &Ctx<'_>, input: &ActivityInput) -> Result<i64, AppError> {
    ctx.scope(Action::Create, Resource::Outreach).await?;
    let lookup = Lookup::load(ctx, "", &[]).await?;
    let draft = lookup.with(|known| ActivityDraft::parse(input, known))?;
    let agency = ctx.store.agency(draft.agency_id).await?;
    let path: AgencyPath = agency.path();
    ctx.authorize(
        Action::Create,
        Resource::Outreach,
        &Owner {
            agency: Some(&path),
            user_id: None,
        },
        draft.agency_id,
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx.create_activity(&draft).await?;
    tx.commit().await?;
    Ok(id)
}
