//! The one authorisation policy: agency subtree × role × action.
//!
//! Handlers never test roles themselves. They ask [`scope`] which records of a kind the
//! principal may touch, filter their query by the answer (so lists are cut inside SQL), and
//! call [`authorize`] before acting on one record. Every grant is in [`grant`], so the whole
//! policy can be read, and tested, as one table.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::agency::AgencyPath;
use crate::role::Role;

/// Who is acting: a signed-in user with their agency and roles.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub agency_id: i64,
    pub agency_path: AgencyPath,
    pub roles: BTreeSet<Role>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Read, Action::Create, Action::Update, Action::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// The kinds of record the policy knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// The agency tree. An agency is owned by its parent; a top-level agency by nobody.
    Agency,
    /// User accounts (personal data: names, e-mail). Owned by the user's agency.
    User,
    /// The audit trail. Read-only for everybody; written only as a side effect of writes.
    AuditTrail,
    /// People of the personnel pool with their documents, languages and qualifications.
    /// Owned by the person's agency.
    Person,
    /// Medical fitness records: the medical role's alone.
    Medical,
    /// Reference catalogues (specialties, qualification kinds) and settings.
    Catalogue,
    /// Training courses, owned by the organising agency. Enrolling a person also needs the
    /// right to update that person.
    Training,
    /// Missions, their mandates and the UN's requests for personnel: not personal data.
    Mission,
    /// Formed units with their tables of organisation and readiness, owned by the agency
    /// that raises them.
    Unit,
    /// Dispatch dossiers, owned by their lead office. Deciding a step is granted by the
    /// step itself (its agency and role, see [`authorize_step`]), not by this table.
    Dossier,
    /// Deployments of people, owned by the person's agency, like the person.
    Deployment,
    /// The legal registry: documents and their relations, owned by the agency that
    /// registered them (the seeded ones by the Ministry of Defence's Legal Department).
    Legal,
    /// Law-making projects with their drafts and the opinions received, owned by every
    /// agency involved (presiding, guiding, consulted); only the presiding and guiding
    /// agencies change one.
    LawMaking,
    /// Directives and the tasks they give, owned by every agency a task involves
    /// (presiding, coordinating).
    Task,
    /// Coordinating bodies and their members: the structure of the state, read by all.
    /// Their conferences and what they concluded go with them.
    Body,
    /// Inspections of the forces at missions, their findings and recommendations; the
    /// findings about health are [`Resource::Medical`]'s.
    Inspection,
    /// Dissemination and legal-education activities, owned by the agency that held them.
    Outreach,
    /// Figures that name nobody: counts and totals by year, agency and kind. Every role
    /// reads them, the viewer nothing else.
    Statistics,
}

impl Resource {
    pub const ALL: [Resource; 18] = [
        Resource::Agency,
        Resource::User,
        Resource::AuditTrail,
        Resource::Person,
        Resource::Medical,
        Resource::Catalogue,
        Resource::Training,
        Resource::Mission,
        Resource::Unit,
        Resource::Dossier,
        Resource::Deployment,
        Resource::Legal,
        Resource::LawMaking,
        Resource::Task,
        Resource::Body,
        Resource::Inspection,
        Resource::Outreach,
        Resource::Statistics,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Agency => "agency",
            Resource::User => "user",
            Resource::AuditTrail => "audit",
            Resource::Person => "person",
            Resource::Medical => "medical",
            Resource::Catalogue => "catalogue",
            Resource::Training => "training",
            Resource::Mission => "mission",
            Resource::Unit => "unit",
            Resource::Dossier => "dossier",
            Resource::Deployment => "deployment",
            Resource::Legal => "legal",
            Resource::LawMaking => "law_making",
            Resource::Task => "task",
            Resource::Body => "body",
            Resource::Inspection => "inspection",
            Resource::Outreach => "outreach",
            Resource::Statistics => "statistics",
        }
    }
}

/// Which records of a kind a principal may act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every record.
    All,
    /// Records owned by this agency or any agency below it.
    Subtree(AgencyPath),
    /// Only the principal's own user account.
    OwnAccount(i64),
}

impl Scope {
    /// Breadth order, so that a principal with several roles gets the widest grant.
    fn breadth(&self) -> u8 {
        match self {
            Scope::All => 2,
            Scope::Subtree(_) => 1,
            Scope::OwnAccount(_) => 0,
        }
    }
}

/// The owner of one record, as far as the policy needs to know it.
#[derive(Debug, Clone, Default)]
pub struct Owner<'a> {
    /// The owning agency; `None` for records no agency owns (top-level agencies, the trail).
    pub agency: Option<&'a AgencyPath>,
    /// The user account the record is, when it is one.
    pub user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{role_list} may not {action} this {resource}", role_list = self.roles, action = self.action.as_str(), resource = self.resource.as_str())]
pub struct Denied {
    pub action: Action,
    pub resource: Resource,
    pub roles: String,
}

/// The grant of one role for one action on one kind of record; `None` when there is none.
fn grant(principal: &Principal, role: Role, action: Action, resource: Resource) -> Option<Scope> {
    use Action::*;
    use Resource::*;
    use Role::*;
    let subtree = || Scope::Subtree(principal.agency_path.clone());
    let own = Scope::OwnAccount(principal.user_id);
    match (resource, action, role) {
        // The structure of the state is not personal data: every role may read it.
        (Agency, Read, _) => Some(Scope::All),
        (Agency, _, Admin) => Some(Scope::All),
        // An agency officer maintains the units below their own agency (an agency is owned
        // by its parent, so their own agency and the ministries stay out of reach).
        (Agency, _, AgencyOfficer) => Some(subtree()),
        (Agency, _, _) => None,

        (User, _, Admin) => Some(Scope::All),
        (User, Read, Coordinator | Auditor) => Some(Scope::All),
        (User, Read, AgencyOfficer) => Some(subtree()),
        (User, Read, _) => Some(own),
        (User, _, _) => None,

        (AuditTrail, Read, Admin | Auditor) => Some(Scope::All),
        (AuditTrail, _, _) => None,

        (Person, _, Coordinator) => Some(Scope::All),
        (Person, _, AgencyOfficer) => Some(subtree()),
        (Person, Read, Auditor | Inspector | Finance | Role::Medical) => Some(Scope::All),
        (Person, Read, Approver) => Some(subtree()),
        // Administrators manage accounts, not people; viewers see aggregates only.
        (Person, _, _) => None,

        // Health data: the medical role alone, for reading and writing.
        (Resource::Medical, Read | Create | Update, Role::Medical) => Some(Scope::All),
        (Resource::Medical, _, _) => None,

        (Catalogue, Read, _) => Some(Scope::All),
        (Catalogue, _, Admin) => Some(Scope::All),
        (Catalogue, _, _) => None,

        // A course is public within the system; who attends it is read through `Person`.
        (Training, Read, _) => Some(Scope::All),
        (Training, _, Coordinator) => Some(Scope::All),
        (Training, _, AgencyOfficer) => Some(subtree()),
        (Training, _, _) => None,

        // Missions, mandates and UN requests are public knowledge within the system; the
        // department's coordinators record them.
        (Mission, Read, _) => Some(Scope::All),
        (Mission, _, Coordinator) => Some(Scope::All),
        (Mission, _, _) => None,

        (Unit, Read, _) => Some(Scope::All),
        (Unit, _, Coordinator) => Some(Scope::All),
        (Unit, _, AgencyOfficer) => Some(subtree()),
        (Unit, _, _) => None,

        // Every agency of the procedure follows its dossiers; who decides a step is the
        // step's business. Opening one is the lead office's.
        (Dossier, Read, Viewer | Finance | Role::Medical) => None,
        (Dossier, Read, _) => Some(Scope::All),
        (Dossier, Create, Coordinator) => Some(Scope::All),
        (Dossier, Create, AgencyOfficer) => Some(subtree()),
        (Dossier, _, _) => None,

        (Deployment, Read, Coordinator | Auditor | Inspector | Finance | Role::Medical) => {
            Some(Scope::All)
        }
        (Deployment, Read, AgencyOfficer | Approver) => Some(subtree()),
        (Deployment, _, Coordinator) => Some(Scope::All),
        (Deployment, _, AgencyOfficer) => Some(subtree()),
        (Deployment, _, _) => None,

        // The law is everybody's to read; the department's coordinators keep the registry,
        // and an agency's officers the documents their agency registered.
        (Legal, Read, _) => Some(Scope::All),
        (Legal, _, Coordinator) => Some(Scope::All),
        (Legal, _, AgencyOfficer) => Some(subtree()),
        (Legal, _, _) => None,

        // Drafts and opinions are the involved agencies' until adopted: the department's
        // coordinators and the auditor see every project, an agency's officers and
        // approvers those their subtree takes part in, and its officers run those it
        // presides over or guides.
        (LawMaking, Read, Coordinator | Auditor) => Some(Scope::All),
        (LawMaking, Read, AgencyOfficer | Approver) => Some(subtree()),
        (LawMaking, _, Coordinator) => Some(Scope::All),
        (LawMaking, Create | Update, AgencyOfficer) => Some(subtree()),
        (LawMaking, _, _) => None,

        // The department's coordinators give directives and judge what the agencies hand
        // in; an agency's officers follow and report on the tasks their subtree presides
        // over or contributes to.
        (Task, Read, Coordinator | Auditor) => Some(Scope::All),
        (Task, Read, AgencyOfficer | Approver | Inspector) => Some(subtree()),
        (Task, _, Coordinator) => Some(Scope::All),
        (Task, Update, AgencyOfficer) => Some(subtree()),
        (Task, _, _) => None,

        // Who sits on which body is public within the system; the department's
        // coordinators keep the bodies.
        (Body, Read, _) => Some(Scope::All),
        (Body, _, Coordinator) => Some(Scope::All),
        (Body, _, _) => None,

        // The inspectors record what they saw at the missions; the department's
        // coordinators follow it, the auditor reads it. Health findings need `Medical`.
        (Inspection, Read, Coordinator | Auditor | Inspector | Role::Medical | Approver) => {
            Some(Scope::All)
        }
        (Inspection, Create | Update, Inspector | Coordinator) => Some(Scope::All),
        // The team's doctor records what concerns health, which nobody else may.
        (Inspection, Update, Role::Medical) => Some(Scope::All),
        (Inspection, _, _) => None,

        // What agencies did to spread the law is public within the system; each agency
        // records its own, the department's coordinators any.
        (Outreach, Read, Viewer) => None,
        (Outreach, Read, _) => Some(Scope::All),
        (Outreach, _, Coordinator) => Some(Scope::All),
        (Outreach, Create | Update, AgencyOfficer) => Some(subtree()),
        (Outreach, _, _) => None,

        (Statistics, Read, _) => Some(Scope::All),
        (Statistics, _, _) => None,
    }
}

/// Whether the principal may attach documents to a dossier: the lead office's
/// coordinators, and whoever may decide one of its open steps (`decides_open_step`).
pub fn authorize_attachment(
    principal: &Principal,
    lead_agency_id: i64,
    decides_open_step: bool,
) -> Result<(), Denied> {
    let lead_coordinator =
        principal.agency_id == lead_agency_id && principal.has(Role::Coordinator);
    if lead_coordinator || decides_open_step {
        Ok(())
    } else {
        Err(denied(principal, Action::Update, Resource::Dossier))
    }
}

/// Whether the principal may approve a deployment the eligibility rules refuse, giving a
/// written reason: the department's coordinators only.
pub fn may_override_eligibility(principal: &Principal) -> bool {
    principal.has(Role::Coordinator)
}

/// Whether the principal may decide a dossier step that belongs to `agency_id` and `role`:
/// they must work in that very agency (not above or below it) and hold that role.
pub fn authorize_step(principal: &Principal, agency_id: i64, role: Role) -> Result<(), Denied> {
    if principal.agency_id == agency_id && principal.has(role) {
        Ok(())
    } else {
        Err(denied(principal, Action::Update, Resource::Dossier))
    }
}

/// The roles that grant `action` on `resource` in some scope: who to ask when refused.
pub fn roles_that_may(action: Action, resource: Resource) -> Vec<Role> {
    let anyone = |role: Role| Principal {
        user_id: 0,
        agency_id: 0,
        agency_path: AgencyPath::from_stored(String::new()),
        roles: [role].into(),
    };
    Role::ALL
        .into_iter()
        .filter(|&role| grant(&anyone(role), role, action, resource).is_some())
        .collect()
}

/// The widest scope any of the principal's roles grants for `action` on `resource`.
pub fn scope(principal: &Principal, action: Action, resource: Resource) -> Result<Scope, Denied> {
    principal
        .roles
        .iter()
        .filter_map(|&role| grant(principal, role, action, resource))
        .max_by_key(Scope::breadth)
        .ok_or_else(|| denied(principal, action, resource))
}

/// Every entity the audit trail records, for its filter and its names.
pub const AUDITED_ENTITIES: [&str; 57] = [
    "agency",
    "user",
    "api_token",
    "session",
    "person",
    "identity_document",
    "language_test",
    "qualification",
    "enrolment",
    "nomination",
    "mission_preference",
    "notice",
    "medical_fitness",
    "specialty",
    "qualification_kind",
    "setting",
    "workflow_template",
    "training_course",
    "mission",
    "mandate_resolution",
    "un_request",
    "formed_unit",
    "unit_position",
    "readiness_change",
    "dossier",
    "dossier_document",
    "dossier_step",
    "deployment",
    "incident",
    "incident_follow_up",
    "police_assessment",
    "legal_document",
    "legal_relation",
    "legal_article",
    "legal_citation",
    "legal_file",
    "council_term",
    "council_presidency",
    "council_initiative",
    "law_project",
    "law_stage",
    "law_draft",
    "law_opinion",
    "directive",
    "task",
    "body",
    "body_member",
    "conference",
    "inspection",
    "inspection_check",
    "inspection_finding",
    "health_finding",
    "inspection_recommendation",
    "finding_evidence",
    "health_evidence",
    "inspection_person",
    "outreach_activity",
];

/// The kind of record an audit entry's entity is, whose read right decides who sees the
/// entry's before and after values; `None` for an entity this table does not know, whose
/// values nobody sees through the trail.
pub fn audited_resource(entity: &str) -> Option<Resource> {
    Some(match entity {
        "agency" => Resource::Agency,
        "user" | "api_token" | "session" => Resource::User,
        "person" | "identity_document" | "language_test" | "qualification" | "enrolment"
        | "nomination" | "mission_preference" | "notice" | "police_assessment"
        | "inspection_person" => Resource::Person,
        "medical_fitness" => Resource::Medical,
        "specialty" | "qualification_kind" | "setting" | "workflow_template" => Resource::Catalogue,
        "training_course" => Resource::Training,
        "mission" | "mandate_resolution" | "un_request" => Resource::Mission,
        "formed_unit" | "unit_position" | "readiness_change" => Resource::Unit,
        "dossier" | "dossier_document" | "dossier_step" => Resource::Dossier,
        "deployment" | "incident" | "incident_follow_up" => Resource::Deployment,
        "legal_document" | "legal_relation" | "legal_article" | "legal_citation" | "legal_file"
        | "council_term" | "council_presidency" | "council_initiative" => Resource::Legal,
        "law_project" | "law_stage" | "law_draft" | "law_opinion" => Resource::LawMaking,
        "directive" | "task" => Resource::Task,
        "body" | "body_member" | "conference" => Resource::Body,
        "inspection"
        | "inspection_check"
        | "inspection_finding"
        | "inspection_recommendation"
        | "finding_evidence" => Resource::Inspection,
        "health_finding" | "health_evidence" => Resource::Medical,
        "outreach_activity" => Resource::Outreach,
        _ => return None,
    })
}

/// Whether the trail may show `principal` the values an entry about `entity` records: only
/// to one who may read every such record, so the trail opens no side door (an
/// administrator sees that a person changed, not the person; health records stay the
/// medical role's).
pub fn may_read_audited_values(principal: &Principal, entity: &str) -> bool {
    audited_resource(entity).is_some_and(|resource| {
        scope(principal, Action::Read, resource).is_ok_and(|scope| scope == Scope::All)
    })
}

/// Whether the principal may do `action` on one record owned by `owner`.
pub fn authorize(
    principal: &Principal,
    action: Action,
    resource: Resource,
    owner: &Owner<'_>,
) -> Result<(), Denied> {
    let allowed = principal
        .roles
        .iter()
        .filter_map(|&role| grant(principal, role, action, resource))
        .any(|scope| match scope {
            Scope::All => true,
            Scope::Subtree(path) => owner.agency.is_some_and(|agency| agency.is_within(&path)),
            Scope::OwnAccount(id) => owner.user_id == Some(id),
        });
    if allowed {
        Ok(())
    } else {
        Err(denied(principal, action, resource))
    }
}

/// Whether the principal may do `action` on a record owned by several agencies at once
/// (a law-making project, a task): granted if any one of `owners` grants it.
pub fn authorize_any<'a>(
    principal: &Principal,
    action: Action,
    resource: Resource,
    owners: impl IntoIterator<Item = &'a AgencyPath>,
) -> Result<(), Denied> {
    let nobody = Owner {
        agency: None,
        user_id: None,
    };
    let mut outcome = authorize(principal, action, resource, &nobody);
    for path in owners {
        if outcome.is_ok() {
            break;
        }
        let owner = Owner {
            agency: Some(path),
            user_id: None,
        };
        outcome = authorize(principal, action, resource, &owner);
    }
    outcome
}

fn denied(principal: &Principal, action: Action, resource: Resource) -> Denied {
    let roles: Vec<_> = principal.roles.iter().map(|role| role.as_str()).collect();
    Denied {
        action,
        resource,
        roles: if roles.is_empty() {
            "a user without roles".to_owned()
        } else {
            roles.join(", ")
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_can_name_who_may() {
        assert_eq!(
            roles_that_may(Action::Read, Resource::Medical),
            [Role::Medical]
        );
        let may_create_people = roles_that_may(Action::Create, Resource::Person);
        assert!(may_create_people.contains(&Role::Coordinator));
        assert!(!may_create_people.contains(&Role::Viewer));
    }

    /// Every audited entity has a kind of record whose readers alone see its values, and the
    /// store audits no entity outside the list (its sources are scanned for the names).
    #[test]
    fn every_audited_entity_is_known_and_guarded() {
        for entity in AUDITED_ENTITIES {
            assert!(audited_resource(entity).is_some(), "{entity}");
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bluehelm-store/src");
        let mut folders = vec![root];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("the store's sources") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).expect("source");
                for pattern in ["audit_insert(\"", "audit_created(\""] {
                    for piece in source.split(pattern).skip(1) {
                        let entity = piece.split('"').next().unwrap_or_default();
                        assert!(
                            AUDITED_ENTITIES.contains(&entity),
                            "{}: {entity} is audited but not listed",
                            path.display()
                        );
                    }
                }
            }
        }
    }

    fn principal(role: Role, path: &AgencyPath) -> Principal {
        Principal {
            user_id: 7,
            agency_id: 1,
            agency_path: path.clone(),
            roles: [role].into(),
        }
    }

    /// One row per (role, action, resource, owner) with the expected verdict.
    #[test]
    fn the_policy_table_holds() {
        let defence = AgencyPath::root(1);
        let peacekeeping = defence.child(2);
        let security = AgencyPath::root(3);
        let own_ministry = Owner {
            agency: Some(&defence),
            user_id: None,
        };
        let own_department = Owner {
            agency: Some(&peacekeeping),
            user_id: None,
        };
        let other_ministry = Owner {
            agency: Some(&security),
            user_id: None,
        };
        let top_level = Owner::default();
        let me = Owner {
            agency: Some(&defence),
            user_id: Some(7),
        };
        use Action::*;
        use Resource::*;
        use Role::*;
        let cases: &[(Role, Action, Resource, &Owner, bool)] = &[
            (Admin, Update, Agency, &top_level, true),
            (Admin, Create, User, &other_ministry, true),
            (Admin, Read, AuditTrail, &top_level, true),
            (AgencyOfficer, Read, User, &own_department, true),
            (AgencyOfficer, Read, User, &other_ministry, false),
            (AgencyOfficer, Update, Agency, &own_department, true),
            (AgencyOfficer, Update, Agency, &other_ministry, false),
            (AgencyOfficer, Update, Agency, &top_level, false),
            (AgencyOfficer, Create, User, &own_department, false),
            (AgencyOfficer, Read, AuditTrail, &top_level, false),
            (Coordinator, Read, User, &other_ministry, true),
            (Coordinator, Update, User, &own_ministry, false),
            (Auditor, Read, AuditTrail, &top_level, true),
            (Auditor, Read, User, &other_ministry, true),
            (Auditor, Update, Agency, &own_department, false),
            (Viewer, Read, Agency, &other_ministry, true),
            (Viewer, Read, User, &own_ministry, false),
            (Viewer, Read, User, &me, true),
            (Viewer, Read, AuditTrail, &top_level, false),
            (Role::Medical, Read, User, &own_department, false),
            (Finance, Delete, Agency, &own_department, false),
            (AgencyOfficer, Update, Person, &own_department, true),
            (AgencyOfficer, Read, Person, &other_ministry, false),
            (Coordinator, Create, Person, &other_ministry, true),
            (Auditor, Read, Person, &other_ministry, true),
            (Auditor, Update, Person, &own_department, false),
            (Approver, Read, Person, &own_department, true),
            (Approver, Read, Person, &other_ministry, false),
            (Admin, Read, Person, &own_department, false),
            (Viewer, Read, Person, &own_department, false),
            (
                Role::Medical,
                Read,
                Resource::Medical,
                &other_ministry,
                true,
            ),
            (
                Role::Medical,
                Create,
                Resource::Medical,
                &other_ministry,
                true,
            ),
            (Coordinator, Read, Resource::Medical, &own_department, false),
            (Auditor, Read, Resource::Medical, &own_department, false),
            (
                AgencyOfficer,
                Read,
                Resource::Medical,
                &own_department,
                false,
            ),
            (Viewer, Read, Catalogue, &top_level, true),
            (Admin, Create, Catalogue, &top_level, true),
            (Coordinator, Create, Catalogue, &top_level, false),
            (Viewer, Read, Training, &other_ministry, true),
            (AgencyOfficer, Update, Training, &own_department, true),
            (AgencyOfficer, Update, Training, &other_ministry, false),
            (Coordinator, Create, Training, &other_ministry, true),
            (Admin, Create, Training, &own_department, false),
            (Viewer, Read, Mission, &top_level, true),
            (Coordinator, Create, Mission, &top_level, true),
            (AgencyOfficer, Create, Mission, &top_level, false),
            (AgencyOfficer, Update, Unit, &own_department, true),
            (AgencyOfficer, Update, Unit, &other_ministry, false),
            (Approver, Read, Dossier, &other_ministry, true),
            (Viewer, Read, Dossier, &own_department, false),
            (AgencyOfficer, Create, Dossier, &other_ministry, false),
            (Approver, Update, Dossier, &own_department, false),
            (AgencyOfficer, Read, Deployment, &other_ministry, false),
            (Coordinator, Update, Deployment, &other_ministry, true),
            (Viewer, Read, Deployment, &own_department, false),
        ];
        for &(role, action, resource, owner, expected) in cases {
            let verdict = authorize(&principal(role, &defence), action, resource, owner).is_ok();
            assert_eq!(
                verdict, expected,
                "{role} {action:?} {resource:?} {owner:?}"
            );
        }
    }

    #[test]
    fn a_step_is_decided_by_its_own_agency_and_role_only() {
        let ministry = AgencyPath::root(1);
        let officer = principal(Role::Approver, &ministry.child(2));
        assert!(authorize_step(&officer, 1, Role::Approver).is_ok());
        assert!(authorize_step(&officer, 1, Role::Coordinator).is_err());
        assert!(authorize_step(&officer, 2, Role::Approver).is_err());
        let mut admin = principal(Role::Admin, &ministry);
        admin.roles.insert(Role::Coordinator);
        assert!(authorize_step(&admin, 1, Role::Approver).is_err());
    }

    #[test]
    fn several_roles_get_the_widest_scope() {
        let path = AgencyPath::root(1);
        let mut both = principal(Role::Viewer, &path);
        both.roles.insert(Role::AgencyOfficer);
        assert_eq!(
            scope(&both, Action::Read, Resource::User),
            Ok(Scope::Subtree(path.clone()))
        );
        both.roles.insert(Role::Auditor);
        assert_eq!(scope(&both, Action::Read, Resource::User), Ok(Scope::All));
    }

    #[test]
    fn no_role_means_no_grant() {
        let mut nobody = principal(Role::Viewer, &AgencyPath::root(1));
        nobody.roles.clear();
        let denied = scope(&nobody, Action::Read, Resource::Agency).unwrap_err();
        assert_eq!(
            denied.to_string(),
            "a user without roles may not read this agency"
        );
    }
}
