//! The three homes: a liaison's projects by urgency, an enterprise's timeline, the
//! managers' overview (in `cockpit.rs`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use domain::forecast::SAMPLES;
use service::projects::homes::{self, LightFilter};

use super::cards::{enterprise_card, my_card};

use super::answer::{html, respond};
use super::i18n::word;
use super::render::{render, render_with};
use super::session::{encode, state_of, viewer, PageResult};

/// `/my`'s search box and light filter (a GET form, so it works without JavaScript).
#[derive(Debug, Default, Deserialize)]
pub struct MyQuery {
    q: Option<String>,
    light: Option<String>,
}

/// A person's cards on `/my` as the template reads them, kept by the instance until the next
/// commit (`AppState::my_cards`): a hundred cards for a manager were most of the page's time.
pub struct MadeCards {
    cards: minijinja::Value,
    shown: usize,
    matched: usize,
}

pub async fn my(req: HttpRequest, query: web::Query<MyQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let MyQuery { q, light } = query.into_inner();
        // An unknown colour filters nothing rather than refusing a bookmarked link.
        let filter = light.as_deref().and_then(LightFilter::parse);
        let q2 = q.clone();
        let lang = v.lang;
        let (forecasts, made) = (state.forecasts.clone(), state.my_cards.clone());
        let key = format!(
            "{}|{:?}|{lang:?}|{q2:?}|{filter:?}",
            actor.user_id, actor.role
        );
        let made = state
            .run_keeping(move |conn, env, keep| {
                let basis = service::kept::basis(env, keep.generation.clone());
                made.get_or(basis, key, || {
                    let listed = keep.my_cards(conn, env, &actor, q2.as_deref(), filter)?;
                    let (list, matched) = &*listed;
                    let mut cards = Vec::with_capacity(list.len());
                    for c in list {
                        let mut card = my_card(env, c);
                        let view = &c.digest.view;
                        let kept = (&*forecasts, keep.generation.clone());
                        let f = service::forecasts::of_view(conn, env, view, kept, SAMPLES)?;
                        card["critical"] =
                            json!(super::project_forecast::push_first(lang, &f, view));
                        cards.push(card);
                    }
                    Ok(MadeCards {
                        cards: minijinja::Value::from_serialize(&cards),
                        shown: cards.len(),
                        matched: *matched,
                    })
                })
            })
            .await?;
        let (shown, matched) = (made.shown, made.matched);
        // Cards past the most shown: the same selection in the paged list.
        let rest = (matched > shown).then(|| {
            let mut href = String::from("/projects?");
            // A liaison's /my is their own projects; so is the list it leads to.
            if v.actor.role == service::Role::Liaison {
                href.push_str(&format!("liaison_id={}&", v.actor.user_id));
            }
            if let Some(q) = q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                href.push_str(&format!("q={}&", encode(q)));
            }
            match filter {
                Some(LightFilter::Stalled) => href.push_str("stalled=true"),
                Some(_) => href.push_str(&format!("light={}", light.as_deref().unwrap_or(""))),
                None => {}
            }
            let text = word(v.lang, "my_more")
                .replace("{shown}", &shown.to_string())
                .replace("{total}", &matched.to_string());
            json!({"href": href.trim_end_matches(['?', '&']), "text": text})
        });
        let key = if v.actor.role == service::Role::Liaison {
            "my_projects"
        } else {
            "all_projects"
        };
        let lights: Vec<[String; 2]> = ["red", "yellow", "green", "stalled"]
            .iter()
            .map(|l| [l.to_string(), word(v.lang, &format!("filter_{l}"))])
            .collect();
        let searched = q.as_deref().is_some_and(|q| !q.trim().is_empty()) || filter.is_some();
        let ctx = json!({"title": word(v.lang, key),
            "q": q.unwrap_or_default(), "light": filter.map(|_| light.unwrap_or_default()),
            "lights": lights, "searched": searched, "rest": rest});
        let cards = minijinja::context! { projects => made.cards.clone() };
        Ok(html(
            StatusCode::OK,
            render_with(&req, Some(&v), "my.html", ctx, cards)?,
        ))
    }
    .await;
    respond(&req, result)
}

pub async fn enterprise(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let lang = v.lang;
        let limits = state.settings.requests.clone();
        let digests = state.digests.clone();
        let (projects, requests) = state
            .run_forecasting(move |conn, env, (cache, generation)| {
                let list = homes::enterprise_cards(conn, env, &actor, &digests)?;
                let mut cards = Vec::with_capacity(list.len());
                for c in &list {
                    let mut card = enterprise_card(env, c);
                    let view = &c.digest.view;
                    let kept = (cache, generation.clone());
                    let f = service::forecasts::of_view(conn, env, view, kept, SAMPLES)?;
                    card["forecast"] =
                        json!(super::project_forecast::for_enterprise(lang, &f, view));
                    cards.push(card);
                }
                // Its own requests (诉求), with their replies a click away.
                Ok((
                    cards,
                    super::request_sections::of_enterprise(conn, env, &limits, &actor, None)?,
                ))
            })
            .await?;
        let ctx = json!({"title": word(v.lang, "enterprise_home"), "projects": projects,
            "requests": requests});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "enterprise.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
