//! The staff's list (`/projects`, its exports) and the homes' cards (`/my`) as one instance
//! keeps them until the next commit on any instance (`crate::kept`): a selection, its filter
//! choices and a person's cards are the same on every reload until something changes, and
//! reading even the kept digests of 10,000 projects (one narrow row each, a look-up each,
//! their milestones) cost 17 ms a load, too much for a page reloaded by everyone all day.

use std::sync::Arc;

use store::DbConn;

use crate::kept::{basis, Shelf};
use crate::projects::digest_cache::DigestCache;
use crate::projects::homes::{my_cards, LightFilter, MyCard};
use crate::projects::project_list::{self, Choices, ListedProject};
use crate::projects::ProjectQuery;
use crate::{Actor, Env, ServiceResult};

#[derive(Default)]
pub struct ListsCache {
    selections: Shelf<crate::kept::Basis, String, Vec<ListedProject>, 256>,
    choices: Shelf<crate::kept::Basis, String, Choices, 8>,
    cards: Shelf<crate::kept::Basis, String, (Vec<MyCard>, usize), 256>,
}

/// What a kept read needs: the instance's caches and the data generation, read before
/// anything else (none: nothing is kept).
pub struct Keep<'a> {
    pub lists: &'a ListsCache,
    pub digests: &'a DigestCache,
    pub generation: Option<String>,
}

impl Keep<'_> {
    /// Every project `q` selects for `actor` (all pages), in the query's order.
    pub fn select(
        &self,
        conn: &mut DbConn,
        env: &Env,
        actor: &Actor,
        q: &ProjectQuery,
    ) -> ServiceResult<Arc<Vec<ListedProject>>> {
        // What the selection depends on: whose projects (an enterprise sees its own), the
        // filters and the order; not the page, cut from it afterwards.
        let q = ProjectQuery {
            page: None,
            per_page: None,
            ..q.clone()
        };
        let key = format!("{:?}|{:?}|{q:?}", actor.role, actor.enterprise_id);
        self.lists
            .selections
            .get_or(basis(env, self.generation.clone()), key, || {
                project_list::select(conn, env, actor, &q, self.digests)
            })
    }

    /// The list's filter choices as `actor` may see them.
    pub fn choices(
        &self,
        conn: &mut DbConn,
        env: &Env,
        actor: &Actor,
    ) -> ServiceResult<Arc<Choices>> {
        let key = format!("{:?}|{:?}", actor.role, actor.enterprise_id);
        self.lists
            .choices
            .get_or(basis(env, self.generation.clone()), key, || {
                project_list::choices(conn, actor)
            })
    }

    /// `actor`'s cards on `/my` and how many matched.
    pub fn my_cards(
        &self,
        conn: &mut DbConn,
        env: &Env,
        actor: &Actor,
        q: Option<&str>,
        filter: Option<LightFilter>,
    ) -> ServiceResult<Arc<(Vec<MyCard>, usize)>> {
        let key = format!("{}|{:?}|{q:?}|{filter:?}", actor.user_id, actor.role);
        self.lists
            .cards
            .get_or(basis(env, self.generation.clone()), key, || {
                my_cards(conn, env, actor, q, filter, self.digests)
            })
    }
}
