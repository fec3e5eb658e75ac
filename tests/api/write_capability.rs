//! Writes that used to go around the SQLite writer (a login's records, the outbox's claim)
//! now go through it like every use case: released at the same instant as forty event
//! writes, which the writer batches into shared commits, none of them fails and each
//! one's rows are there afterwards. On PostgreSQL the same calls are plain transactions.

use std::sync::{Arc, Barrier};

use approval_tracker::domain::step::Action;
use approval_tracker::mail::render::Rendered;
use approval_tracker::service::accounts::auth::{self, LoginRequest};
use approval_tracker::service::accounts::users::{self, CreateUser};
use approval_tracker::service::enterprises::{self, CreateEnterprise};
use approval_tracker::service::notices::notify::{queue, Mailing};
use approval_tracker::service::projects::{self, CreateProject};
use approval_tracker::service::steps::lifecycle::{self, RecordEvent};
use approval_tracker::service::steps::step_view::StepSpecInput;
use approval_tracker::service::{in_tx, Actor, Clock, Role};
use approval_tracker::startup::prepare;
use approval_tracker::store;

use crate::helpers::{default_now, fresh_database, test_settings, CODE_A, PASSWORD};

const STEPS: usize = 40;

#[test]
fn a_login_and_an_outbox_claim_commit_during_a_batch_of_event_writes() {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(&fresh_database(dir.path()));
    let state = prepare(&settings, Clock::Fixed(default_now())).unwrap();
    let mut conn = state.pool.get().unwrap();
    let env = state.env_with(&mut conn).unwrap();
    let user = CreateUser {
        username: "wang".into(),
        display_name: "王芳".into(),
        email: "wang@zone.example.cn".into(),
        role: Role::Liaison,
        phone: None,
        enterprise_id: None,
        password: PASSWORD.into(),
    };
    let liaison = users::create(&mut conn, &env, None, &user).unwrap();
    let actor = Actor {
        user_id: liaison.id,
        role: Role::Liaison,
        enterprise_id: None,
        session_id: 0,
        address: String::new(),
    };
    let firm = CreateEnterprise {
        name: "松江晶圆制造有限公司".into(),
        credit_code: CODE_A.into(),
        contact_name: "李经理".into(),
        contact_email: "li@firm.example.cn".into(),
    };
    let enterprise = enterprises::create(&mut conn, &env, &actor, &firm).unwrap();
    let steps = (0..STEPS)
        .map(|i| StepSpecInput {
            key: format!("s{i}"),
            name: format!("环节{i}"),
            agency: "区建管委".into(),
            lead: false,
            stage: "施工许可".into(),
            statutory_days: 10,
            promised_days: None,
            depends_on: vec![],
        })
        .collect();
    let project = projects::create(
        &mut conn,
        &env,
        &actor,
        &CreateProject {
            name: "晶圆厂".into(),
            enterprise_id: enterprise.id,
            template: None,
            steps: Some(steps),
            liaison_ids: vec![liaison.id],
            start_date: env.today,
            city: None,
            investment_cny: None,
            project_code: None,
        },
    )
    .unwrap();
    let mailing = Mailing {
        public_url: "http://zone.example.cn".into(),
        domain: "zone.example.cn".into(),
    };
    let email = Rendered {
        subject: "审批提醒".into(),
        text: "正文".into(),
        html: "<p>正文</p>".into(),
    };
    let outbox = in_tx(&mut conn, |tx| {
        queue(
            tx,
            &env,
            &mailing,
            "digest",
            None,
            ("王芳", "wang@zone.example.cn"),
            &email,
        )
    })
    .unwrap();
    drop(conn);

    // Everyone released at once; fewer connections than threads, so writes queue and
    // the writer shares commits between them.
    let start = Arc::new(Barrier::new(STEPS + 2));
    let mut events = Vec::new();
    for i in 0..STEPS {
        let (state, env, actor, start) = (state.clone(), env.clone(), actor.clone(), start.clone());
        events.push(std::thread::spawn(move || {
            start.wait();
            let mut conn = state.pool.get().unwrap();
            let req = RecordEvent {
                action: Action::Accept,
                on: None,
                note: None,
                notice: None,
                accepted_with_missing: false,
                by_commitment: false,
            };
            lifecycle::record(
                &mut conn,
                &env,
                &actor,
                project.project.id,
                &format!("s{i}"),
                None,
                &req,
            )
            .map(|_| ())
        }));
    }
    let login = {
        let (state, env, start) = (state.clone(), env.clone(), start.clone());
        std::thread::spawn(move || {
            start.wait();
            let mut conn = state.pool.get().unwrap();
            let req = LoginRequest {
                username: "wang".into(),
                password: PASSWORD.into(),
            };
            auth::login(&mut conn, &env, &req)
        })
    };
    let claim = {
        let (state, env, start) = (state.clone(), env.clone(), start.clone());
        std::thread::spawn(move || {
            start.wait();
            let mut conn = state.pool.get().unwrap();
            let until = env.stamp() + chrono::Duration::minutes(5);
            in_tx(&mut conn, |tx| {
                Ok(store::outbox::claim(tx, outbox, env.stamp(), until)?)
            })
        })
    };
    for (i, t) in events.into_iter().enumerate() {
        t.join()
            .unwrap()
            .unwrap_or_else(|e| panic!("event {i} failed: {e}"));
    }
    let session = login.join().unwrap().expect("the login commits");
    assert!(
        claim.join().unwrap().expect("the claim commits"),
        "the email is claimed"
    );

    let mut conn = state.pool.get().unwrap();
    let now = projects::get(&mut conn, &env, &actor, project.project.id).unwrap();
    assert!(now.steps.iter().all(|s| s.status.as_str() == "in_review"));
    let who = auth::authenticate(&mut conn, &env, &session.token, String::new()).unwrap();
    assert_eq!(who.user_id, liaison.id);
    // Claimed for five minutes: a second claim now finds nothing to take.
    let until = env.stamp() + chrono::Duration::minutes(5);
    let again = in_tx(&mut conn, |tx| {
        Ok(store::outbox::claim(tx, outbox, env.stamp(), until)?)
    });
    assert!(!again.unwrap());
}
