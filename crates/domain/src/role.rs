//! What a user is to the zone; what each role may do is the service's (`service::actor`).

string_enum!(
    #[derive(utoipa::ToSchema)]
    Role {
        Admin => "admin",
        Manager => "manager",
        Liaison => "liaison",
        Enterprise => "enterprise",
    }
);

impl Role {
    /// Zone staff: admin, manager, liaison.
    pub fn is_staff(self) -> bool {
        self != Role::Enterprise
    }
}
