//! `?page=&per_page=` and the `{"items","total"}` answer of every list.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::refusal::{lists, Refusal};
use crate::ServiceError;

pub const MAX_PER_PAGE: u32 = 500;
pub const DEFAULT_PER_PAGE: u32 = 50;

#[derive(Debug, Clone, Copy, Default, Deserialize, IntoParams)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Items per page, 1 to 500 (default 50).
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The first page at its largest: the choices of a form's select.
    pub const CHOICES: PageQuery = PageQuery {
        page: Some(1),
        per_page: Some(500),
    };

    /// (offset, limit) after checking the bounds.
    pub fn window(&self) -> Result<(i64, i64), ServiceError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(ServiceError::invalid("page", lists::PAGE_FROM_ONE));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(ServiceError::invalid(
                "per_page",
                Refusal::of(lists::PER_PAGE_RANGE).arg("max", MAX_PER_PAGE),
            ));
        }
        Ok((
            i64::from(page - 1) * i64::from(per_page),
            i64::from(per_page),
        ))
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub total: i64,
}
