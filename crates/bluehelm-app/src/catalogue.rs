//! The catalogues (specialties, qualification kinds), the eligibility settings and the
//! planner's suitability weights, kept by
//! administrators; everybody reads them.

use bluehelm_domain::catalogue::{CatalogueInput, QualificationKindDraft, SpecialtyDraft};
use bluehelm_domain::eligibility::EligibilitySettings;
use bluehelm_domain::policy::{Action, Resource};
use bluehelm_domain::suitability::Weights;
use std::collections::HashMap;

use bluehelm_domain::eligibility::Failure;
use bluehelm_domain::message::{Message, Name};
use bluehelm_store::catalogue::{QualificationKind, Specialty};
use bluehelm_store::Store;

use crate::AppError;
use crate::{duplicate, Ctx};

/// The names of the database catalogues' entries, for messages that name them by code
/// (an eligibility failure's missing specialty or qualification).
pub struct CatalogueNames {
    specialties: HashMap<String, Name>,
    qualification_kinds: HashMap<String, Name>,
}

impl CatalogueNames {
    pub async fn load(store: &Store) -> Result<Self, AppError> {
        let name = |code: &str, vi: &str, en: &str| {
            (
                code.to_owned(),
                Name {
                    code: code.to_owned(),
                    vi: vi.to_owned(),
                    en: en.to_owned(),
                },
            )
        };
        Ok(Self {
            specialties: store
                .specialties()
                .await?
                .iter()
                .map(|s| name(&s.code, &s.name_vi, &s.name_en))
                .collect(),
            qualification_kinds: store
                .qualification_kinds()
                .await?
                .iter()
                .map(|k| name(&k.code, &k.name_vi, &k.name_en))
                .collect(),
        })
    }

    /// `message` with the catalogue entries it names given their names.
    pub fn name(&self, message: Message) -> Message {
        message
            .with_names("specialty", |code| self.specialties.get(code).cloned())
            .with_names("qualification_kind", |code| {
                self.qualification_kinds.get(code).cloned()
            })
    }

    /// Names the catalogue entries of every message given, in place.
    pub fn name_each<'a>(&self, messages: impl Iterator<Item = &'a mut Message>) {
        for message in messages {
            let unnamed = std::mem::replace(message, Message::new(message.key));
            *message = self.name(unnamed);
        }
    }

    pub fn failures(&self, failures: Vec<Failure>) -> Vec<Failure> {
        failures
            .into_iter()
            .map(|failure| Failure {
                reason: self.name(failure.reason),
                ..failure
            })
            .collect()
    }
}

const CODE_TAKEN: &str = "validation.catalogue_code_taken";

pub async fn create_specialty(
    ctx: &Ctx<'_>,
    input: &CatalogueInput,
) -> Result<Specialty, AppError> {
    let draft = SpecialtyDraft::parse(input)?;
    ctx.scope(Action::Create, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let id = tx
        .create_specialty(&draft.code, &draft.name_vi, &draft.name_en)
        .await
        .map_err(duplicate("code", CODE_TAKEN))?;
    tx.commit().await?;
    Ok(Specialty {
        id,
        code: draft.code,
        name_vi: draft.name_vi,
        name_en: draft.name_en,
    })
}

pub async fn update_specialty(
    ctx: &Ctx<'_>,
    input: &CatalogueInput,
) -> Result<Specialty, AppError> {
    let draft = SpecialtyDraft::parse(input)?;
    ctx.scope(Action::Update, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let specialty = tx.update_specialty(&draft).await?;
    tx.commit().await?;
    Ok(specialty)
}

pub async fn create_qualification_kind(
    ctx: &Ctx<'_>,
    input: &CatalogueInput,
) -> Result<QualificationKind, AppError> {
    let draft = QualificationKindDraft::parse(input)?;
    ctx.scope(Action::Create, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.create_qualification_kind(
        &draft.code,
        draft.category,
        &draft.name_vi,
        &draft.name_en,
        draft.validity_months,
    )
    .await
    .map_err(duplicate("code", CODE_TAKEN))?;
    tx.commit().await?;
    crate::people::qualification_kind(ctx, "code", &draft.code).await
}

pub async fn update_qualification_kind(
    ctx: &Ctx<'_>,
    input: &CatalogueInput,
) -> Result<QualificationKind, AppError> {
    let draft = QualificationKindDraft::parse(input)?;
    ctx.scope(Action::Update, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    let kind = tx.update_qualification_kind(&draft).await?;
    tx.commit().await?;
    Ok(kind)
}

pub async fn eligibility_settings(ctx: &Ctx<'_>) -> Result<EligibilitySettings, AppError> {
    ctx.scope(Action::Read, Resource::Catalogue).await?;
    Ok(ctx.store.eligibility_settings().await?)
}

pub async fn set_eligibility_settings(
    ctx: &Ctx<'_>,
    settings: &EligibilitySettings,
) -> Result<EligibilitySettings, AppError> {
    settings.check()?;
    ctx.scope(Action::Update, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_eligibility_settings(settings).await?;
    tx.commit().await?;
    Ok(settings.clone())
}

pub async fn suitability_weights(ctx: &Ctx<'_>) -> Result<Weights, AppError> {
    ctx.scope(Action::Read, Resource::Catalogue).await?;
    Ok(ctx.store.suitability_weights().await?)
}

pub async fn set_suitability_weights(
    ctx: &Ctx<'_>,
    weights: &Weights,
) -> Result<Weights, AppError> {
    weights.check()?;
    ctx.scope(Action::Update, Resource::Catalogue).await?;
    let mut tx = ctx.store.begin_write(ctx.actor()).await?;
    tx.set_suitability_weights(weights).await?;
    tx.commit().await?;
    Ok(*weights)
}
