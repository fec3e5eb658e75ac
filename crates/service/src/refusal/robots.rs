//! Refusals of registering and managing chat robots (the robot's messages are in chat.rs).

use domain::chat::RobotError;

codes! {
    ROBOT_KIND = "robot_kind", "must be wecom or dingtalk";
    ROBOT_NOT_URL = "robot_not_url", "must be the robot's webhook URL (https://…)";
    ROBOT_URL_TOO_LONG = "robot_url_too_long", "must not be longer than {max} characters";
    ROBOT_HOST_NOT_ALLOWED = "robot_host_not_allowed", "host {host} is not allowed for chat robots";
    ROBOT_NO_KEY = "robot_no_key", "must carry the robot's {key} parameter";
    ROBOT_SECRET_NOT_TAKEN = "robot_secret_not_taken", "WeCom robots have no secret";
    ROBOT_SECRET_NOT_DINGTALK = "robot_secret_not_dingtalk", "a DingTalk signing secret starts with SEC";
    ROBOT_PORT_NOT_ALLOWED = "robot_port_not_allowed", "must use the platform's port (443)";
    ROBOT_OWNER = "robot_owner", "must be \"managers\" or a liaison's user id";
    TOO_MANY_ROBOTS = "too_many_robots", "a group owner has at most {max} robots: remove one first";
    ROBOTS_OWN_GROUP_ONLY = "robots_own_group_only", "a liaison registers robots for their own group only";
    ROBOTS_MANAGERS_ONLY = "robots_managers_only", "only administrators and liaisons manage chat robots";
}

impl From<RobotError> for super::Refusal {
    fn from(e: RobotError) -> super::Refusal {
        use super::Refusal;
        match e {
            RobotError::NotUrl => Refusal::of(ROBOT_NOT_URL),
            RobotError::TooLong(max) => Refusal::of(ROBOT_URL_TOO_LONG).arg("max", max),
            RobotError::HostNotAllowed(host) => {
                Refusal::of(ROBOT_HOST_NOT_ALLOWED).arg("host", host)
            }
            RobotError::NoKey(key) => Refusal::of(ROBOT_NO_KEY).arg("key", key),
            RobotError::SecretNotTaken => Refusal::of(ROBOT_SECRET_NOT_TAKEN),
            RobotError::SecretNotDingTalk => Refusal::of(ROBOT_SECRET_NOT_DINGTALK),
            RobotError::PortNotAllowed => Refusal::of(ROBOT_PORT_NOT_ALLOWED),
        }
    }
}
