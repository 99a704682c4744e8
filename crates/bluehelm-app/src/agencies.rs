//! Agencies: the tree of ministries, departments and units that rights hang on.

use bluehelm_domain::agency::{AgencyDraft, AgencyKind};
use bluehelm_domain::listing::{Page, PageRequest, Sort};
use bluehelm_domain::message::Message;
use bluehelm_domain::policy::{Action, Owner, Resource};
use bluehelm_store::agency::{Agency, AgencyFilter};
use bluehelm_store::StoreError;

use crate::{duplicate, AppError, Ctx};

/// What a user submits for an agency.
#[derive(Debug, Clone, Default)]
pub struct AgencyInput {
    pub code: String,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
}

pub async fn list_agencies(
    ctx: &Ctx<'_>,
    filter: &AgencyFilter,
    sort: Sort,
    page: PageRequest,
) -> Result<Page<Agency>, AppError> {
    ctx.scope(Action::Read, Resource::Agency).await?;
    Ok(ctx.store.list_agencies(filter, sort, page).await?)
}

pub async fn all_agencies(ctx: &Ctx<'_>) -> Result<Vec<Agency>, AppError> {
    ctx.scope(Action::Read, Resource::Agency).await?;
    Ok(ctx.store.all_agencies().await?)
}

pub async fn agency(ctx: &Ctx<'_>, id: i64) -> Result<Agency, AppError> {
    let agency = ctx.store.agency(id).await?;
    let owner = agency.owner_path();
    ctx.authorize(
        Action::Read,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    Ok(agency)
}

pub async fn create_agency(ctx: &Ctx<'_>, input: &AgencyInput) -> Result<Agency, AppError> {
    let draft = AgencyDraft::parse(
        &input.code,
        &input.kind,
        &input.name_vi,
        &input.name_en,
        input.parent_id,
    )?;
    let parent = match draft.parent_id {
        Some(id) => Some(ctx.store.agency(id).await.map_err(|error| match error {
            StoreError::NotFound => {
                AppError::field("parent_id", "not_found", "message.agency_not_found")
            }
            other => other.into(),
        })?),
        None => None,
    };
    draft.check_parent(parent.as_ref().and_then(Agency::kind))?;
    let parent_path = parent.as_ref().map(Agency::path);
    ctx.authorize(
        Action::Create,
        Resource::Agency,
        &Owner {
            agency: parent_path.as_ref(),
            user_id: None,
        },
        "new",
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let agency = tx
        .create_agency(&draft)
        .await
        .map_err(duplicate("code", "message.agency_code_taken"))?;
    tx.commit().await?;
    Ok(agency)
}

pub async fn update_agency(
    ctx: &Ctx<'_>,
    id: i64,
    input: &AgencyInput,
) -> Result<Agency, AppError> {
    let current = ctx.store.agency(id).await?;
    let owner = current.owner_path();
    ctx.authorize(
        Action::Update,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    let draft = AgencyDraft::parse(
        &input.code,
        &input.kind,
        &input.name_vi,
        &input.name_en,
        current.parent_id,
    )?;
    let parent_kind = match current.parent_id {
        Some(parent) => ctx.store.agency(parent).await?.kind(),
        None => None,
    };
    draft.check_parent(parent_kind)?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let agency = tx
        .update_agency(id, &draft)
        .await
        .map_err(duplicate("code", "message.agency_code_taken"))?;
    tx.commit().await?;
    Ok(agency)
}

pub async fn delete_agency(ctx: &Ctx<'_>, id: i64) -> Result<(), AppError> {
    let current = ctx.store.agency(id).await?;
    let owner = current.owner_path();
    ctx.authorize(
        Action::Delete,
        Resource::Agency,
        &Owner {
            agency: owner.as_ref(),
            user_id: None,
        },
        id,
    )
    .await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.delete_agency(id).await.map_err(|error| match error {
        StoreError::InUse => AppError::Conflict {
            field: "id".to_owned(),
            message: Message::new("agency.still_in_use"),
        },
        other => other.into(),
    })?;
    tx.commit().await?;
    Ok(())
}

pub fn agency_kinds() -> [AgencyKind; 4] {
    AgencyKind::ALL
}

/// The agency a form names by its code, or an error on `field`.
pub(crate) async fn agency_by_code(
    ctx: &Ctx<'_>,
    field: &str,
    code: &str,
) -> Result<Agency, AppError> {
    match ctx.store.agency_by_code(&code.trim().to_uppercase()).await {
        Ok(agency) => Ok(agency),
        Err(StoreError::NotFound) => Err(AppError::field(
            field,
            "not_found",
            "validation.no_agency_has_this_code",
        )),
        Err(other) => Err(other.into()),
    }
}

/// The path of the agency a form or filter names by id, or an error on `field`.
pub async fn agency_path(
    ctx: &Ctx<'_>,
    field: &str,
    agency_id: i64,
) -> Result<bluehelm_domain::agency::AgencyPath, AppError> {
    match ctx.store.agency(agency_id).await {
        Ok(agency) => Ok(agency.path()),
        Err(StoreError::NotFound) => Err(AppError::field(
            field,
            "not_found",
            "message.agency_not_found",
        )),
        Err(other) => Err(other.into()),
    }
}
