//! The outreach page: the totals by year, agency and kind (drawn as a bar chart of
//! activities per year, with its table), the activities with the documents they
//! disseminated, and the form an agency records one with. A viewer sees the totals only.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use bluehelm_app::outreach;
use bluehelm_domain::listing::PageRequest;
use bluehelm_domain::outreach::{ActivityInput, OutreachKind};
use bluehelm_domain::policy::{self, Action, Resource};
use bluehelm_store::outreach::{Activity, Disseminated, OutreachTotal};

use super::form::*;
use super::{render, Layout, Viewer, WebError, WithLayout};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/outreach", get(page).post(create))
}

/// How many documents the form lets one pick; the API takes more.
const DOCUMENT_PICKERS: usize = 3;

/// One year's bar of the chart: activities, participants and viewers, and the bar's length.
pub(super) struct YearBar {
    year: i64,
    activities: i64,
    participants: i64,
    viewers: i64,
    width: i64,
    y: i64,
}

/// The chart's bars, one per year, the latest at the top, scaled to `WIDTH`.
fn year_bars(totals: &[OutreachTotal]) -> Vec<YearBar> {
    const WIDTH: i64 = 400;
    let mut years: Vec<YearBar> = Vec::new();
    for total in totals {
        match years.iter_mut().find(|bar| bar.year == total.year) {
            Some(bar) => {
                bar.activities += total.activities;
                bar.participants += total.participants;
                bar.viewers += total.viewers;
            }
            None => years.push(YearBar {
                year: total.year,
                activities: total.activities,
                participants: total.participants,
                viewers: total.viewers,
                width: 0,
                y: 0,
            }),
        }
    }
    let most = years
        .iter()
        .map(|bar| bar.activities)
        .max()
        .unwrap_or(1)
        .max(1);
    for (index, bar) in years.iter_mut().enumerate() {
        bar.width = bar.activities * WIDTH / most;
        bar.y = index as i64 * 28;
    }
    years
}

#[derive(Template)]
#[template(path = "outreach.html")]
struct OutreachPage {
    layout: Layout,
    totals: Vec<OutreachTotal>,
    bars: Vec<YearBar>,
    /// The activities, when the reader may read them.
    activities: Option<(Vec<Activity>, Vec<Disseminated>, ListLinks)>,
    /// Agencies as (code, name) and documents as (id, label), when the reader may record.
    agencies: Vec<(String, String)>,
    documents: Vec<(i64, String)>,
    entry: Entry,
}

impl OutreachPage {
    fn kinds(&self) -> Vec<(&'static str, String)> {
        OutreachKind::ALL
            .iter()
            .map(|kind| {
                (
                    kind.as_str(),
                    self.layout.tr.term("outreach_kind", kind.as_str()),
                )
            })
            .collect()
    }

    fn documents_of<'a>(
        &self,
        documents: &'a [Disseminated],
        activity: &Activity,
    ) -> Vec<&'a Disseminated> {
        documents
            .iter()
            .filter(|document| document.activity_id == activity.id)
            .collect()
    }

    fn chart_height(&self) -> i64 {
        self.bars.len() as i64 * 28 + 4
    }

    fn pickers(&self) -> Vec<String> {
        (1..=DOCUMENT_PICKERS)
            .map(|slot| format!("document_{slot}"))
            .collect()
    }
}

async fn outreach_page(
    viewer: &Viewer,
    query: ListQuery,
    entry: Entry,
) -> Result<Response, WebError> {
    let caller = &viewer.caller;
    let layout = || Layout::for_caller(caller, "/outreach");
    let ctx = viewer.ctx();
    let totals = outreach::totals(&ctx).await.in_layout(layout)?;
    let activities = if policy::scope(&caller.principal, Action::Read, Resource::Outreach).is_ok() {
        let documents = std::sync::Mutex::new(Vec::new());
        let (items, links) = list_page("/outreach", query, "-held", |sort, page| {
            let (ctx, documents) = (&ctx, &documents);
            async move {
                let page = PageRequest::parse(page, Some(50)).unwrap_or_default();
                let (found, disseminated) = outreach::activities(ctx, Some(&sort), page).await?;
                if let Ok(mut kept) = documents.lock() {
                    *kept = disseminated;
                }
                Ok(found)
            }
        })
        .await
        .in_layout(layout)?;
        Some((items, documents.into_inner().unwrap_or_default(), links))
    } else {
        None
    };
    let (agencies, documents) =
        if policy::scope(&caller.principal, Action::Create, Resource::Outreach).is_ok() {
            agencies_and_documents(&ctx, caller.lang())
                .await
                .in_layout(layout)?
        } else {
            (Vec::new(), Vec::new())
        };
    let page = OutreachPage {
        layout: layout(),
        bars: year_bars(&totals),
        totals,
        activities,
        agencies,
        documents,
        entry,
    };
    render(&page, &page.entry.errors)
}

pub async fn page(
    viewer: Viewer,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(query) = query.unwrap_or_default();
    outreach_page(&viewer, query, Entry::blank()).await
}

pub async fn create(
    viewer: Viewer,
    axum::extract::Form(form): axum::extract::Form<Form>,
) -> Result<Response, WebError> {
    let input = ActivityInput {
        kind: value(&form, "kind"),
        title: value(&form, "title"),
        held_on: value(&form, "held_on"),
        agency: value(&form, "agency"),
        place: value(&form, "place"),
        audience: value(&form, "audience"),
        participants: value(&form, "participants"),
        viewers: value(&form, "viewers"),
        documents: (1..=DOCUMENT_PICKERS)
            .map(|slot| value(&form, &format!("document_{slot}")))
            .filter(|id| !id.trim().is_empty())
            .collect(),
        materials: value(&form, "materials"),
    };
    let result = outreach::create_activity(&viewer.ctx(), &input).await;
    after(
        &viewer.caller,
        "/outreach",
        result,
        |_| "/outreach".to_owned(),
        |errors| outreach_page(&viewer, ListQuery::default(), Entry::refused(form, errors)),
    )
    .await
}
