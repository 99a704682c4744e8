//! The one convention for lists: pages, sorting and filters.
//!
//! `?page=2&per_page=50&sort=-code` everywhere: pages count from 1, `per_page` is at most
//! [`MAX_PER_PAGE`], `sort` names one allowed key with an optional `-` for descending order.
//! Each list declares the keys it allows, so a sort key never reaches SQL unchecked.

use serde::Serialize;

use crate::validation::FieldError;

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl PageRequest {
    /// The first page at its largest, for lists bounded by nature (a unit's members).
    pub const LARGEST: PageRequest = PageRequest {
        page: 1,
        per_page: MAX_PER_PAGE,
    };

    pub fn parse(page: Option<u32>, per_page: Option<u32>) -> Result<Self, FieldError> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(FieldError::new(
                "page",
                "out_of_range",
                "validation.pages_count_from_1",
            ));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(FieldError::said(
                "per_page",
                "out_of_range",
                crate::message::Message::new("validation.whole_number_between")
                    .number("low", 1)
                    .number("high", i64::from(MAX_PER_PAGE)),
            ));
        }
        Ok(Self { page, per_page })
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

/// A sort key chosen from a list's allowed keys, mapped to its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: &'static str,
    pub descending: bool,
}

impl Sort {
    /// Parses `key` or `-key` against `allowed` (key, column) pairs; `None` takes the first.
    pub fn parse(
        value: Option<&str>,
        allowed: &[(&'static str, &'static str)],
    ) -> Result<Self, FieldError> {
        let value = value.unwrap_or("").trim();
        let (descending, key) = match value.strip_prefix('-') {
            Some(key) => (true, key),
            None => (false, value),
        };
        if key.is_empty() {
            return Ok(Self {
                column: allowed.first().map_or("id", |(_, column)| column),
                descending,
            });
        }
        allowed
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, column)| Self { column, descending })
            .ok_or_else(|| {
                let names: Vec<_> = allowed.iter().map(|(name, _)| *name).collect();
                FieldError::new(
                    "sort",
                    "unknown_sort_key",
                    format!(
                        "must be one of {} (prefix - for descending)",
                        names.join(", ")
                    ),
                )
            })
    }

    pub fn sql(&self) -> String {
        format!(
            "{} {}",
            self.column,
            if self.descending { "desc" } else { "asc" }
        )
    }
}

/// One page of a list and what is needed to show the pager.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match; a lower bound when `total_capped`.
    pub total: i64,
    /// Large lists stop counting at a cap (counting every match of a broad filter over a
    /// large pool costs more than the page itself): then the list has more than `total`.
    pub total_capped: bool,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// A page whose total is exact.
    pub fn exact(items: Vec<T>, total: i64, request: PageRequest) -> Self {
        Self {
            items,
            total,
            total_capped: false,
            page: request.page,
            per_page: request.per_page,
        }
    }

    /// A page whose total was counted up to `cap` and no further; `counted` is at most
    /// `cap + 1`, and above `cap` means there are more.
    pub fn counted_to(items: Vec<T>, counted: i64, cap: i64, request: PageRequest) -> Self {
        Self {
            items,
            total: counted.min(cap),
            total_capped: counted > cap,
            page: request.page,
            per_page: request.per_page,
        }
    }

    pub fn pages(&self) -> i64 {
        (self.total + i64::from(self.per_page) - 1) / i64::from(self.per_page).max(1)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            total_capped: self.total_capped,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[(&str, &str)] = &[("code", "code"), ("name", "name_en")];

    #[test]
    fn sort_keys_come_only_from_the_allowed_list() {
        assert_eq!(
            Sort::parse(Some("-name"), KEYS).map(|s| s.sql()),
            Ok("name_en desc".into())
        );
        assert_eq!(
            Sort::parse(None, KEYS).map(|s| s.sql()),
            Ok("code asc".into())
        );
        assert_eq!(
            Sort::parse(Some("code; drop table agency"), KEYS)
                .unwrap_err()
                .field,
            "sort"
        );
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(
            PageRequest::parse(Some(3), Some(20)).map(|p| p.offset()),
            Ok(40)
        );
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(None, Some(MAX_PER_PAGE + 1)).is_err());
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #[test]
            fn any_page_and_sort_are_taken_or_refused(
                page in proptest::option::of(any::<u32>()),
                per_page in proptest::option::of(any::<u32>()),
                sort in proptest::option::of(".{0,40}"),
            ) {
                if let Ok(request) = PageRequest::parse(page, per_page) {
                    prop_assert!(request.page >= 1 && request.per_page >= 1);
                    let _ = (request.limit(), request.offset());
                }
                let allowed = [("name", "name"), ("code", "code")];
                if let Ok(sort) = Sort::parse(sort.as_deref(), &allowed) {
                    prop_assert!(allowed.iter().any(|(_, column)| *column == sort.column));
                }
            }
        }
    }
}
