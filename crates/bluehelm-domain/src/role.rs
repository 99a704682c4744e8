//! The roles a user can hold (SPEC "Who uses it").

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Coordinator,
    AgencyOfficer,
    Approver,
    Inspector,
    Finance,
    Medical,
    Auditor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Admin,
        Role::Coordinator,
        Role::AgencyOfficer,
        Role::Approver,
        Role::Inspector,
        Role::Finance,
        Role::Medical,
        Role::Auditor,
        Role::Viewer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::AgencyOfficer => "agency_officer",
            Role::Approver => "approver",
            Role::Inspector => "inspector",
            Role::Finance => "finance",
            Role::Medical => "medical",
            Role::Auditor => "auditor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
