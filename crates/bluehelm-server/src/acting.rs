//! The extractor a handler takes to act: the signed-in caller and the store, from which the
//! use cases' [`Ctx`] is borrowed. No handler builds a `Ctx` by hand.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bluehelm_app::Ctx;
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
