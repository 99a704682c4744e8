//! Prometheus metrics, served at `/metrics`: per route, the requests answered, their
//! latency, the database connections each took from the pool and how long it waited for
//! them; and the pool's connections, open and idle.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    acquisitions: Family<RouteLabels, Histogram>,
    pool_wait: Family<RouteLabels, Histogram>,
    pool_open: Gauge,
    pool_idle: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("bluehelm");
        let requests = Family::<RequestLabels, Counter>::default();
        // 0.5 ms to about 4 s.
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 14))
        });
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            latency.clone(),
        );
        // 1 to 128 connections taken by one request.
        let acquisitions = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(1.0, 2.0, 8))
        });
        registry.register(
            "db_acquisitions_per_request",
            "Database connections a request took from the pool, one per read outside a transaction",
            acquisitions.clone(),
        );
        // 10 µs to about 5 s.
        let pool_wait = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.000_01, 4.0, 10))
        });
        registry.register(
            "db_pool_wait_seconds",
            "Time a request waited, in all, for database connections",
            pool_wait.clone(),
        );
        let pool_open = Gauge::default();
        let pool_idle = Gauge::default();
        registry.register(
            "db_pool_connections",
            "Connections the pool holds open",
            pool_open.clone(),
        );
        registry.register(
            "db_pool_idle_connections",
            "Open connections no request holds",
            pool_idle.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            acquisitions,
            pool_wait,
            pool_open,
            pool_idle,
        }
    }
}

/// Counts and times every request by its route pattern (never its raw path, which would
/// put ids into label values and grow the series without bound).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let (response, database) = bluehelm_store::tally::tallied(next.run(request)).await;
    let metrics = &state.metrics;
    let labels = RouteLabels {
        method: method.clone(),
        route: route.clone(),
    };
    metrics
        .acquisitions
        .get_or_create(&labels)
        .observe(f64::from(database.acquisitions));
    metrics
        .pool_wait
        .get_or_create(&labels)
        .observe(database.waited.as_secs_f64());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method: method.clone(),
            route: route.clone(),
            status: response.status().as_u16(),
        })
        .inc();
    metrics
        .latency
        .get_or_create(&RouteLabels { method, route })
        .observe(started.elapsed().as_secs_f64());
    response
}

pub async fn render(State(state): State<AppState>) -> Response {
    let (open, idle) = state.store.pool_connections();
    state.metrics.pool_open.set(i64::from(open));
    state
        .metrics
        .pool_idle
        .set(i64::try_from(idle).unwrap_or(i64::MAX));
    let mut body = String::new();
    if prometheus_client::encoding::text::encode(&mut body, &state.metrics.registry).is_err() {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}
