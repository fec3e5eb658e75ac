use super::*;

#[test]
fn keys_accept_letters_digits_dash_underscore() {
    for ok in ["a", "land-pre_review2", "EIA", &"x".repeat(64)] {
        assert_eq!(
            StepKey::parse(ok).map(|k| k.as_str().to_owned()),
            Ok(ok.to_owned())
        );
    }
    assert_eq!(StepKey::parse(""), Err(StepKeyError::Empty));
    assert_eq!(
        StepKey::parse(&"x".repeat(65)),
        Err(StepKeyError::TooLong(65))
    );
    assert_eq!(StepKey::parse("a b"), Err(StepKeyError::InvalidChar(' ')));
    assert_eq!(StepKey::parse("备案"), Err(StepKeyError::InvalidChar('备')));
    assert_eq!(
        "eia".parse::<StepKey>().map(|k| k.to_string()),
        Ok("eia".into())
    );
    assert!(StepKey::try_from(String::from("a/b")).is_err());
}

#[test]
fn strings_round_trip() {
    for s in StepStatus::ALL {
        assert_eq!(StepStatus::parse(s.as_str()), Some(*s));
    }
    for a in Action::ALL {
        assert_eq!(Action::parse(a.as_str()), Some(*a));
    }
    assert_eq!(StepStatus::AwaitingApplicant.as_str(), "awaiting_applicant");
    assert_eq!(Action::RequestMaterials.to_string(), "request_materials");
    assert_eq!(StepStatus::parse("done"), None);
}

#[test]
fn lifecycle_table() {
    use Action as A;
    use StepStatus as S;
    let allowed = [
        (S::Pending, A::Accept, S::InReview),
        (S::Pending, A::Waive, S::Waived),
        (S::InReview, A::RequestMaterials, S::AwaitingApplicant),
        (S::InReview, A::Approve, S::Approved),
        (S::InReview, A::Reject, S::Rejected),
        (S::AwaitingApplicant, A::Resubmit, S::InReview),
        (S::Rejected, A::Accept, S::InReview),
        (S::Approved, A::Reopen, S::Pending),
        (S::Waived, A::Reopen, S::Pending),
    ];
    for from in S::ALL {
        for action in A::ALL {
            let expected = allowed
                .iter()
                .find(|(f, a, _)| f == from && a == action)
                .map(|(_, _, to)| *to);
            let got = next_status(*from, *action);
            match expected {
                Some(to) => assert_eq!(got, Ok(to)),
                None => assert_eq!(
                    got,
                    Err(TransitionError {
                        from: *from,
                        action: *action
                    })
                ),
            }
        }
    }
}

#[test]
fn transition_errors_read_as_english() {
    let e = next_status(StepStatus::Pending, Action::Approve).unwrap_err();
    assert_eq!(e.to_string(), "cannot approve a step that is pending");
    let e = next_status(StepStatus::Approved, Action::RequestMaterials).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot request materials for a step that is approved"
    );
    let e = next_status(StepStatus::AwaitingApplicant, Action::Approve).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot approve a step that is awaiting the applicant"
    );
}

#[test]
fn finished_means_approved_or_waived() {
    use StepStatus as S;
    assert!(predecessors_allow_accept(&[]));
    assert!(predecessors_allow_accept(&[S::Approved, S::Waived]));
    assert!(!predecessors_allow_accept(&[S::Approved, S::Rejected]));
    assert!(!predecessors_allow_accept(&[S::InReview]));
}

#[test]
fn limit_prefers_the_promise() {
    let mut spec = StepSpec {
        key: StepKey::parse("eia").unwrap(),
        name: "环评审批".into(),
        agency: "区生态环境局".into(),
        lead: false,
        stage: "工程建设许可".into(),
        statutory_days: 30,
        promised_days: None,
        depends_on: vec![],
    };
    assert_eq!(spec.limit_days(), 30);
    spec.promised_days = Some(0);
    assert_eq!(spec.limit_days(), 0);
}

#[test]
fn replaying_a_history() {
    use Action as A;
    let ok = [
        A::Accept,
        A::Reject,
        A::Accept,
        A::Approve,
        A::Reopen,
        A::Waive,
    ];
    assert_eq!(replay_status(ok), Ok(StepStatus::Waived));
    assert_eq!(replay_status([]), Ok(StepStatus::Pending));
    let bad = [A::Accept, A::Resubmit];
    let err = TransitionError {
        from: StepStatus::InReview,
        action: A::Resubmit,
    };
    assert_eq!(replay_status(bad), Err(err));
}

#[test]
fn a_standing_follows_its_history_and_withdrawing_the_last_event_undoes_it() {
    use Action as A;
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let history = [
        (A::Accept, d("2026-03-02")),
        (A::Reject, d("2026-03-05")),
        (A::Accept, d("2026-03-09")),
        (A::RequestMaterials, d("2026-03-10")),
    ];
    let now = Standing::replay(history).unwrap();
    assert_eq!(
        now,
        Standing {
            status: StepStatus::AwaitingApplicant,
            accepted_on: Some(d("2026-03-09")),
            finished_on: None,
        }
    );
    // The 补正 withdrawn: the step is back with the agency, accepted on the 9th.
    let before = Standing::replay(history[..3].iter().copied()).unwrap();
    assert_eq!(before.status, StepStatus::InReview);
    assert_eq!(before.accepted_on, Some(d("2026-03-09")));
    assert_eq!(before.after(A::RequestMaterials, d("2026-03-10")), Ok(now));
    // Approved, then reopened: both days cleared.
    let done = now
        .after(A::Resubmit, d("2026-03-12"))
        .and_then(|s| s.after(A::Approve, d("2026-03-13")))
        .unwrap();
    assert_eq!(done.finished_on, Some(d("2026-03-13")));
    assert_eq!(done.after(A::Reopen, d("2026-03-16")), Ok(Standing::NEW));
    assert_eq!(Standing::replay([]), Ok(Standing::NEW));
}
