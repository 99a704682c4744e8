//! The extractor a handler takes to act: the signed-in caller and the store, from which the
//! use cases' [`Ctx`] is borrowed. No handler builds a `Ctx` by hand.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bluehelm_app::Ctx;
use bluehelm_domain::policy::{Action, Resource};
use bluehelm_store::Store;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;

/// The signed-in caller with the store; refused with 401 when nobody is signed in.
pub struct Acting {
    store: Store,
    pub caller: Caller,
}

impl Acting {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.store, &self.caller.principal)
    }
}

impl FromRequestParts<AppState> for Acting {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        Ok(Acting {
            store: state.store.clone(),
            caller,
        })
    }
}

/// A route's right, asked before its body is read: some grant of one action on one kind
/// of record (see [`bluehelm_app::permitted`]).
pub trait Gate {
    const ACTION: Action;
    const RESOURCE: Resource;
}

macro_rules! gates {
    ($($name:ident = $action:ident $resource:ident),* $(,)?) => {
        $(
            pub struct $name;
            impl Gate for $name {
                const ACTION: Action = Action::$action;
                const RESOURCE: Resource = Resource::$resource;
            }
        )*
    };
}

gates!(
    CreateAgency = Create Agency,
    UpdateAgency = Update Agency,
    CreateUser = Create User,
    UpdateUser = Update User,
    CreateCatalogue = Create Catalogue,
    UpdateCatalogue = Update Catalogue,
    CreatePerson = Create Person,
    UpdatePerson = Update Person,
    CreateMedical = Create Medical,
    CreateUnit = Create Unit,
    UpdateUnit = Update Unit,
    CreateTraining = Create Training,
    UpdateTraining = Update Training,
    CreateDossier = Create Dossier,
);

/// [`Acting`] for a route whose right `G` is checked before any extractor after it reads
/// the body: without the right, a 403 (audited), not a 422 about the body.
pub struct Gated<G>(pub Acting, pub PhantomData<G>);

impl<G: Gate> FromRequestParts<AppState> for Gated<G> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let acting = Acting::from_request_parts(parts, state).await?;
        bluehelm_app::permitted(&acting.ctx(), G::ACTION, G::RESOURCE).await?;
        Ok(Gated(acting, PhantomData))
    }
}
