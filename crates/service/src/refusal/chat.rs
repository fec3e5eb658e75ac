//! Refusals of chat robots and their messages.

codes! {
    ROBOT_RATE_LIMITED = "robot_rate_limited", "the robot may take no more messages now: try again in {seconds} seconds";
}
