//! One schema for both backends: only types that SQLite and PostgreSQL map alike
//! (Integer, BigInt, Text, Bool, Date, Timestamp — stored as UTC).

diesel::table! {
    enterprises (id) {
        id -> Integer,
        name -> Text,
        credit_code -> Text,
        contact_name -> Text,
        contact_email -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        username -> Text,
        display_name -> Text,
        email -> Text,
        role -> Text,
        enterprise_id -> Nullable<Integer>,
        password_hash -> Text,
        active -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        phone -> Nullable<Text>,
        mobile -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Integer,
        user_id -> Integer,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    projects (id) {
        id -> Integer,
        name -> Text,
        enterprise_id -> Integer,
        template_key -> Nullable<Text>,
        start_date -> Date,
        city -> Nullable<Text>,
        investment_cny -> Nullable<BigInt>,
        archived -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        in_review -> Bool,
        yellow_on -> Nullable<Date>,
        red_on -> Nullable<Date>,
        paused_since -> Nullable<Date>,
        revision -> Integer,
    }
}

diesel::table! {
    project_liaisons (project_id, user_id) {
        project_id -> Integer,
        user_id -> Integer,
    }
}

diesel::table! {
    steps (id) {
        id -> Integer,
        project_id -> Integer,
        key -> Text,
        name -> Text,
        stage -> Text,
        statutory_days -> Integer,
        promised_days -> Nullable<Integer>,
        position -> Integer,
        status -> Text,
        accepted_on -> Nullable<Date>,
        finished_on -> Nullable<Date>,
        version -> Integer,
        updated_at -> Timestamp,
        yellow_on -> Nullable<Date>,
        red_on -> Nullable<Date>,
        paused_since -> Nullable<Date>,
        lead -> Bool,
        agency_id -> Integer,
    }
}

diesel::table! {
    agencies (id) {
        id -> Integer,
        name -> Text,
        short_name -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    step_dependencies (from_step_id, to_step_id) {
        project_id -> Integer,
        from_step_id -> Integer,
        to_step_id -> Integer,
    }
}

diesel::table! {
    step_events (id) {
        id -> Integer,
        step_id -> Integer,
        project_id -> Integer,
        user_id -> Integer,
        action -> Text,
        on_date -> Date,
        recorded_at -> Timestamp,
        note -> Nullable<Text>,
        accepted_with_missing -> Bool,
        by_commitment -> Bool,
        notice -> Nullable<Text>,
        withdrawn_at -> Nullable<Timestamp>,
        withdrawn_by -> Nullable<Integer>,
        withdraw_reason -> Nullable<Text>,
    }
}

diesel::joinable!(users -> enterprises (enterprise_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(projects -> enterprises (enterprise_id));
diesel::joinable!(project_liaisons -> projects (project_id));
diesel::joinable!(project_liaisons -> users (user_id));
diesel::joinable!(steps -> projects (project_id));
diesel::joinable!(steps -> agencies (agency_id));
diesel::joinable!(step_events -> steps (step_id));

diesel::allow_tables_to_appear_in_same_query!(
    enterprises,
    users,
    sessions,
    projects,
    project_liaisons,
    steps,
    agencies,
    step_dependencies,
    step_events,
    calendar_years,
    alerts,
    outbox,
    alert_deliveries,
    licences,
    licence_reminders,
    job_state,
    ics_feeds,
    weekly_reports_sent,
);

diesel::table! {
    calendar_years (year) {
        year -> Integer,
        holidays -> Text,
        workdays -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    alerts (id) {
        id -> Integer,
        step_id -> Integer,
        project_id -> Integer,
        episode_event_id -> Integer,
        level -> Text,
        raised_on -> Date,
        raised_at -> Timestamp,
        due_on -> Nullable<Date>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Integer,
        kind -> Text,
        user_id -> Nullable<Integer>,
        to_name -> Text,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        attachment_name -> Nullable<Text>,
        attachment_type -> Nullable<Text>,
        attachment -> Nullable<Binary>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    alert_deliveries (alert_id, user_id) {
        alert_id -> Integer,
        user_id -> Integer,
        outbox_id -> Integer,
    }
}

diesel::table! {
    licences (id) {
        id -> Integer,
        enterprise_id -> Integer,
        project_id -> Nullable<Integer>,
        kind -> Text,
        number -> Text,
        issued_on -> Date,
        expires_on -> Date,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    licence_reminders (licence_id, expires_on, days_before) {
        licence_id -> Integer,
        expires_on -> Date,
        days_before -> Integer,
        reminded_at -> Timestamp,
    }
}

diesel::table! {
    derived_rules (name) {
        name -> Text,
        version -> Integer,
        computed_at -> Timestamp,
    }
}

diesel::table! {
    job_state (name) {
        name -> Text,
        last_run_at -> Nullable<Timestamp>,
        last_duration_ms -> Nullable<BigInt>,
    }
}

diesel::joinable!(alerts -> steps (step_id));
diesel::joinable!(alerts -> projects (project_id));
diesel::joinable!(alert_deliveries -> alerts (alert_id));
diesel::joinable!(licences -> enterprises (enterprise_id));

diesel::table! {
    ics_feeds (user_id) {
        user_id -> Integer,
        secret_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    weekly_reports_sent (week) {
        week -> Text,
        emails -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Integer,
        username -> Text,
        address -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Integer,
        at -> Timestamp,
        user_id -> Nullable<Integer>,
        username -> Text,
        action -> Text,
        target -> Text,
        detail -> Text,
        address -> Text,
    }
}

diesel::table! {
    route_template_versions (id) {
        id -> Integer,
        template_key -> Text,
        version -> Integer,
        name -> Text,
        steps -> Text,
        saved_by -> Nullable<Integer>,
        saved_by_name -> Text,
        saved_at -> Timestamp,
    }
}

diesel::table! {
    chat_robots (id) {
        id -> Integer,
        kind -> Text,
        owner_id -> Nullable<Integer>,
        name -> Text,
        url -> Text,
        secret -> Nullable<Text>,
        active -> Bool,
        failures_in_row -> Integer,
        failing_reported -> Bool,
        paused_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        last_sent_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        tells_after_alert -> Integer,
    }
}

diesel::table! {
    chat_messages (id) {
        id -> Integer,
        robot_id -> Integer,
        kind -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    chat_alert_deliveries (alert_id, robot_id) {
        alert_id -> Integer,
        robot_id -> Integer,
        message_id -> Integer,
    }
}

diesel::table! {
    chat_calls (id) {
        id -> Integer,
        robot_id -> Integer,
        called_at -> Timestamp,
    }
}

diesel::joinable!(chat_robots -> users (owner_id));
diesel::joinable!(chat_messages -> chat_robots (robot_id));
diesel::joinable!(chat_alert_deliveries -> alerts (alert_id));
diesel::joinable!(chat_alert_deliveries -> chat_messages (message_id));
diesel::allow_tables_to_appear_in_same_query!(
    chat_robots,
    chat_messages,
    chat_alert_deliveries,
    chat_calls,
);
diesel::allow_tables_to_appear_in_same_query!(chat_robots, users);
diesel::allow_tables_to_appear_in_same_query!(chat_alert_deliveries, alerts);

diesel::table! {
    requests (id) {
        id -> Integer,
        enterprise_id -> Integer,
        project_id -> Nullable<Integer>,
        title -> Text,
        body -> Text,
        category -> Text,
        channel -> Text,
        urgent -> Bool,
        status -> Text,
        liaison_id -> Nullable<Integer>,
        agency_id -> Nullable<Integer>,
        rating -> Nullable<Text>,
        filed_by -> Nullable<Integer>,
        filed_at -> Timestamp,
        filed_on -> Date,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    request_events (id) {
        id -> Integer,
        request_id -> Integer,
        user_id -> Nullable<Integer>,
        party -> Text,
        action -> Text,
        body -> Nullable<Text>,
        agency_id -> Nullable<Integer>,
        rating -> Nullable<Text>,
        internal -> Bool,
        at -> Timestamp,
        happened_on -> Date,
    }
}

diesel::table! {
    request_alerts (request_id, clock, clock_from, level) {
        request_id -> Integer,
        clock -> Text,
        clock_from -> Date,
        level -> Text,
        raised_at -> Timestamp,
        emailed_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(requests -> enterprises (enterprise_id));
diesel::joinable!(request_events -> requests (request_id));
diesel::joinable!(request_alerts -> requests (request_id));
diesel::allow_tables_to_appear_in_same_query!(requests, request_events, request_alerts);
diesel::allow_tables_to_appear_in_same_query!(requests, enterprises);

diesel::table! {
    project_landing (project_id) {
        project_id -> Integer,
        project_code -> Nullable<Text>,
        signed_planned -> Nullable<Date>,
        signed_actual -> Nullable<Date>,
        land_planned -> Nullable<Date>,
        land_actual -> Nullable<Date>,
        started_planned -> Nullable<Date>,
        started_actual -> Nullable<Date>,
        completed_planned -> Nullable<Date>,
        completed_actual -> Nullable<Date>,
        producing_planned -> Nullable<Date>,
        producing_actual -> Nullable<Date>,
        permit_extensions -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    milestone_events (id) {
        id -> Integer,
        project_id -> Integer,
        user_id -> Integer,
        milestone -> Text,
        action -> Text,
        on_date -> Nullable<Date>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    year_targets (year) {
        year -> Integer,
        starts -> Integer,
        productions -> Integer,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    permit_reminders (project_id, deadline, days_before) {
        project_id -> Integer,
        deadline -> Date,
        days_before -> Integer,
        reminded_at -> Timestamp,
    }
}

diesel::joinable!(project_landing -> projects (project_id));
diesel::joinable!(milestone_events -> projects (project_id));
diesel::allow_tables_to_appear_in_same_query!(projects, project_landing, milestone_events);

diesel::table! {
    liaison_handovers (id) {
        id -> Integer,
        from_user_id -> Integer,
        to_user_id -> Integer,
        project_id -> Nullable<Integer>,
        request_id -> Nullable<Integer>,
        at -> Timestamp,
        outbox_id -> Nullable<Integer>,
    }
}
