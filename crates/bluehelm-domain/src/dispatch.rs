//! The legal dispatch procedure as a workflow. Templates are data: ordered steps, each
//! with the agency and role that decide it, a time limit, the documents it needs and the
//! provision that requires it. Steps sharing a position (`seq`) run in parallel and all of
//! them must be approved before the next position opens. A change of law is a new template
//! with its own dates, never an edit of code.
//!
//! [`choose_template`] picks the template for a decision by its date, force category and
//! decision type, and says why; [`act`] is the state machine of one dossier.

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::message::Message;
use crate::role::Role;
use crate::string_enum;
use crate::validation::FieldError;

string_enum! {
    /// Who is sent: the armed forces of either ministry, or (from 2026) civilians.
    pub enum ForceCategory {
        MndArmed = "mnd_armed",
        MpsArmed = "mps_armed",
        Civilian = "civilian",
    }
}

string_enum! {
    pub enum DecisionType {
        Send = "send",
        Adjust = "adjust",
        /// Extension of the term of service: a decision type only under Law 92/2025/QH15.
        Extend = "extend",
        Withdraw = "withdraw",
    }
}

string_enum! {
    pub enum DossierStatus {
        InProgress = "in_progress",
        Approved = "approved",
        Rejected = "rejected",
    }
}

string_enum! {
    pub enum StepStatus {
        /// Not reached yet (or reopened steps after it were returned to).
        Waiting = "waiting",
        /// Open for a decision by its agency and role.
        Active = "active",
        Approved = "approved",
        Rejected = "rejected",
    }
}

string_enum! {
    pub enum StepAction {
        Approve = "approve",
        /// Send the dossier back to the previous position with comments.
        Return = "return",
        /// Stop the procedure: the dossier is rejected.
        Reject = "reject",
    }
}

impl ForceCategory {
    /// The office that prepares dossiers for this category: the standing peacekeeping
    /// office of the ministry whose forces go; for civilians the Ministry of National
    /// Defence's department, which leads state management under Law 92/2025/QH15.
    pub fn lead_agency(self) -> &'static str {
        match self {
            ForceCategory::MndArmed | ForceCategory::Civilian => "BQP-CGGHB",
            ForceCategory::MpsArmed => "BCA-VPTT",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ForceCategory::MndArmed => "armed forces of the Ministry of National Defence",
            ForceCategory::MpsArmed => "armed forces of the Ministry of Public Security",
            ForceCategory::Civilian => "civilians",
        }
    }
}

/// A step's agency written as this marker is the dossier's lead office.
pub const LEAD_AGENCY: &str = "@lead";

pub struct StepSeed {
    pub seq: u32,
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_vi: &'static str,
    /// An agency code, or [`LEAD_AGENCY`].
    pub agency: &'static str,
    pub role: Role,
    pub limit_days: u32,
    pub provision: &'static str,
    /// Kinds of document that must be attached before the step is approved.
    pub documents: &'static [&'static str],
}

pub struct TemplateSeed {
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_vi: &'static str,
    pub legal_basis: &'static str,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub categories: &'static [ForceCategory],
    pub decisions: &'static [DecisionType],
    pub steps: &'static [StepSeed],
}

#[allow(clippy::too_many_arguments)]
const fn step(
    seq: u32,
    code: &'static str,
    name_en: &'static str,
    name_vi: &'static str,
    agency: &'static str,
    role: Role,
    limit_days: u32,
    provision: &'static str,
    documents: &'static [&'static str],
) -> StepSeed {
    StepSeed {
        seq,
        code,
        name_en,
        name_vi,
        agency,
        role,
        limit_days,
        provision,
        documents,
    }
}

use ForceCategory::{Civilian, MndArmed, MpsArmed};
use Role::{AgencyOfficer, Approver, Coordinator};

#[rustfmt::skip]
const ARMED_2021: &[StepSeed] = &[
    step(1, "proposal", "Dossier and report to the Government", "Lập hồ sơ, báo cáo Chính phủ", LEAD_AGENCY, Coordinator, 15, "Decree 61/2021/ND-CP, Art. 12", &["submission"]),
    step(2, "opinion_foreign_affairs", "Opinion of the Ministry of Foreign Affairs", "Ý kiến của Bộ Ngoại giao", "BNG-TCQT", AgencyOfficer, 7, "Resolution 130/2020/QH14", &[]),
    step(2, "opinion_finance", "Opinion of the Ministry of Finance", "Ý kiến của Bộ Tài chính", "BTC", AgencyOfficer, 7, "Resolution 130/2020/QH14", &[]),
    step(3, "government", "Government considers the dossier", "Chính phủ xem xét hồ sơ", "VPCP", Approver, 10, "Decree 61/2021/ND-CP, Art. 12", &[]),
    step(4, "submission", "Submission to the NDSC and the President on behalf of the Government", "Trình Hội đồng Quốc phòng và An ninh, Chủ tịch nước", "BQP", Approver, 5, "Decree 61/2021/ND-CP, Art. 12", &[]),
    step(5, "ndsc_decision", "Decision of the National Defence and Security Council", "Quyết định của Hội đồng Quốc phòng và An ninh", "HDQPAN", Approver, 10, "Resolution 130/2020/QH14", &[]),
    step(6, "president_decision", "Decision of the State President", "Quyết định của Chủ tịch nước", "VPCTN", Approver, 5, "Resolution 130/2020/QH14", &["decision"]),
    step(7, "un_notification", "Notification to the United Nations", "Thông báo cho Liên hợp quốc", "BNG-PDLHQ", AgencyOfficer, 5, "Resolution 130/2020/QH14", &[]),
    step(8, "handover", "Hand-over of the decision and pre-deployment", "Trao quyết định, chuẩn bị triển khai", LEAD_AGENCY, Coordinator, 30, "Decree 61/2021/ND-CP", &[]),
];

#[rustfmt::skip]
const ARMED_2026: &[StepSeed] = &[
    step(1, "proposal", "Dossier and report to the Government", "Lập hồ sơ, báo cáo Chính phủ", LEAD_AGENCY, Coordinator, 15, "Decree 01/2026/ND-CP", &["submission"]),
    step(2, "opinion_foreign_affairs", "Opinion of the Ministry of Foreign Affairs", "Ý kiến của Bộ Ngoại giao", "BNG-TCQT", AgencyOfficer, 7, "Law 92/2025/QH15", &[]),
    step(2, "opinion_finance", "Opinion of the Ministry of Finance", "Ý kiến của Bộ Tài chính", "BTC", AgencyOfficer, 7, "Law 92/2025/QH15", &[]),
    step(3, "government", "Government considers the dossier", "Chính phủ xem xét hồ sơ", "VPCP", Approver, 10, "Decree 01/2026/ND-CP", &[]),
    step(4, "submission", "Submission to the NDSC and the President on behalf of the Government", "Trình Hội đồng Quốc phòng và An ninh, Chủ tịch nước", "BQP", Approver, 5, "Decree 01/2026/ND-CP", &[]),
    step(5, "ndsc_decision", "Decision of the National Defence and Security Council", "Quyết định của Hội đồng Quốc phòng và An ninh", "HDQPAN", Approver, 10, "Law 92/2025/QH15", &[]),
    step(6, "president_decision", "Decision of the State President", "Quyết định của Chủ tịch nước", "VPCTN", Approver, 5, "Decree 01/2026/ND-CP", &["decision"]),
    step(7, "un_notification", "Notification to the United Nations", "Thông báo cho Liên hợp quốc", "BNG-PDLHQ", AgencyOfficer, 5, "Law 92/2025/QH15", &[]),
    step(8, "handover", "Hand-over of the decision and pre-deployment", "Trao quyết định, chuẩn bị triển khai", LEAD_AGENCY, Coordinator, 30, "Decree 01/2026/ND-CP", &[]),
];

#[rustfmt::skip]
const CIVILIAN_2026: &[StepSeed] = &[
    step(1, "proposal", "Proposal of the ministry concerned", "Đề xuất của cơ quan chủ quản", LEAD_AGENCY, Coordinator, 15, "Law 92/2025/QH15", &["submission"]),
    step(2, "opinion_foreign_affairs", "Opinion of the Ministry of Foreign Affairs", "Ý kiến của Bộ Ngoại giao", "BNG-TCQT", AgencyOfficer, 7, "Law 92/2025/QH15", &[]),
    step(2, "opinion_home_affairs", "Opinion of the Ministry of Home Affairs", "Ý kiến của Bộ Nội vụ", "BNV", AgencyOfficer, 7, "Law 92/2025/QH15", &[]),
    step(2, "opinion_finance", "Opinion of the Ministry of Finance", "Ý kiến của Bộ Tài chính", "BTC", AgencyOfficer, 7, "Law 92/2025/QH15", &[]),
    step(3, "pm_decision", "Decision of the Prime Minister", "Quyết định của Thủ tướng Chính phủ", "VPCP", Approver, 10, "Law 92/2025/QH15", &["decision"]),
    step(4, "un_notification", "Notification to the United Nations", "Thông báo cho Liên hợp quốc", "BNG-PDLHQ", AgencyOfficer, 5, "Law 92/2025/QH15", &[]),
    step(5, "handover", "Hand-over of the decision and pre-deployment", "Trao quyết định, chuẩn bị triển khai", LEAD_AGENCY, Coordinator, 30, "Decree 01/2026/ND-CP", &[]),
];

/// Before Resolution 130/2020/QH14 took effect, dispatch rested on the Politburo's overall
/// scheme and, from 2019, on the Law on National Defence (forces used for peace abroad by
/// decision of the NDSC); the State President's decisions were handed over as later.
#[rustfmt::skip]
const ARMED_2014: &[StepSeed] = &[
    step(1, "proposal", "Proposal of the ministry", "Đề xuất của Bộ", LEAD_AGENCY, Coordinator, 15, "Overall scheme on participation in UN peacekeeping (2012)", &["submission"]),
    step(2, "ndsc_decision", "Decision of the National Defence and Security Council", "Quyết định của Hội đồng Quốc phòng và An ninh", "HDQPAN", Approver, 10, "Law on National Defence 22/2018/QH14", &[]),
    step(3, "president_decision", "Decision of the State President", "Quyết định của Chủ tịch nước", "VPCTN", Approver, 5, "Constitution 2013, Art. 88", &["decision"]),
    step(4, "un_notification", "Notification to the United Nations", "Thông báo cho Liên hợp quốc", "BNG-PDLHQ", AgencyOfficer, 5, "Overall scheme on participation in UN peacekeeping (2012)", &[]),
    step(5, "handover", "Hand-over of the decision and pre-deployment", "Trao quyết định, chuẩn bị triển khai", LEAD_AGENCY, Coordinator, 30, "Overall scheme on participation in UN peacekeeping (2012)", &[]),
];

/// The emergency withdrawal by the Ministers of National Defence and of Public Security of
/// the forces under their command (Law 92/2025/QH15). The reference does not confirm the
/// article, nor whether the final text kept the draft's Prime Minister instead.
#[rustfmt::skip]
const EMERGENCY_WITHDRAWAL_2026: &[StepSeed] = &[
    step(1, "emergency_report", "Report of the emergency by the commander of the forces at the mission", "Báo cáo tình huống khẩn cấp của chỉ huy lực lượng tại phái bộ", LEAD_AGENCY, Coordinator, 1, "Law 92/2025/QH15", &["submission"]),
    step(2, "minister_decision", "Decision of the Minister to withdraw the forces under the ministry's command", "Quyết định rút lực lượng của Bộ trưởng", LEAD_AGENCY, Approver, 1, "Law 92/2025/QH15", &["decision"]),
    step(3, "un_notification", "Notification to the United Nations", "Thông báo cho Liên hợp quốc", "BNG-PDLHQ", AgencyOfficer, 1, "Law 92/2025/QH15", &[]),
    step(4, "report", "Report to the Government and the National Defence and Security Council", "Báo cáo Chính phủ, Hội đồng Quốc phòng và An ninh", LEAD_AGENCY, Coordinator, 3, "Law 92/2025/QH15", &[]),
];

use DecisionType::{Adjust, Extend, Send, Withdraw};

pub const TEMPLATES: &[TemplateSeed] = &[
    TemplateSeed {
        code: "armed-2021",
        name_en: "Armed forces under Resolution 130/2020/QH14",
        name_vi: "Lực lượng vũ trang theo Nghị quyết 130/2020/QH14",
        legal_basis: "Resolution 130/2020/QH14 and Decree 61/2021/ND-CP",
        valid_from: date!(2021 - 07 - 01),
        valid_to: Some(date!(2025 - 12 - 31)),
        categories: &[MndArmed, MpsArmed],
        decisions: &[Send, Adjust, Withdraw],
        steps: ARMED_2021,
    },
    TemplateSeed {
        code: "armed-2026",
        name_en: "Armed forces under Law 92/2025/QH15",
        name_vi: "Lực lượng vũ trang theo Luật 92/2025/QH15",
        legal_basis: "Law 92/2025/QH15 and Decree 01/2026/ND-CP",
        valid_from: date!(2026 - 01 - 01),
        valid_to: None,
        categories: &[MndArmed, MpsArmed],
        decisions: &[Send, Adjust, Extend, Withdraw],
        steps: ARMED_2026,
    },
    TemplateSeed {
        code: "civilian-2026",
        name_en: "Civilians under Law 92/2025/QH15 (the Prime Minister decides)",
        name_vi: "Lực lượng dân sự theo Luật 92/2025/QH15 (Thủ tướng quyết định)",
        legal_basis: "Law 92/2025/QH15 and Decree 01/2026/ND-CP",
        valid_from: date!(2026 - 01 - 01),
        valid_to: None,
        categories: &[Civilian],
        decisions: &[Send, Adjust, Extend, Withdraw],
        steps: CIVILIAN_2026,
    },
    TemplateSeed {
        code: "armed-2014",
        name_en: "Armed forces before Resolution 130/2020/QH14 (decisions of the NDSC)",
        name_vi: "Lực lượng vũ trang trước Nghị quyết 130/2020/QH14 (Hội đồng Quốc phòng và An ninh quyết định)",
        legal_basis: "the overall scheme of 2012 and the Law on National Defence 22/2018/QH14",
        valid_from: date!(2014 - 05 - 27),
        valid_to: Some(date!(2021 - 06 - 30)),
        categories: &[MndArmed, MpsArmed],
        decisions: &[Send, Withdraw],
        steps: ARMED_2014,
    },
];

/// Procedures whose legal basis is not confirmed: seeded as drafts, which no dossier is
/// opened under until the registry's keepers check the article and activate them.
pub const DRAFT_TEMPLATES: &[TemplateSeed] = &[TemplateSeed {
    code: "emergency-withdrawal-2026",
    name_en: "Emergency withdrawal by the Ministers under Law 92/2025/QH15 (article to be confirmed)",
    name_vi: "Rút lực lượng khẩn cấp do Bộ trưởng quyết định theo Luật 92/2025/QH15 (chưa xác minh điều khoản)",
    legal_basis: "Law 92/2025/QH15",
    valid_from: date!(2026 - 01 - 01),
    valid_to: None,
    categories: &[MndArmed, MpsArmed],
    decisions: &[Withdraw],
    steps: EMERGENCY_WITHDRAWAL_2026,
}];

/// A template's terms, as stored: what the choice of template reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateTerms {
    pub id: i64,
    pub legal_basis: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub categories: Vec<ForceCategory>,
    pub decisions: Vec<DecisionType>,
}

impl TemplateTerms {
    fn in_force_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    fn period(&self) -> String {
        match self.valid_to {
            Some(to) => format!("{} to {}", self.valid_from, to),
            None => format!("from {}", self.valid_from),
        }
    }
}

/// The template that applies, and why, in a sentence for the dossier's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub template_id: i64,
    pub explanation: String,
}

/// Picks the procedure in force on `dated` for `category` and `decision`. A refusal names
/// the field at fault and the law that would apply instead, if any.
pub fn choose_template(
    templates: &[TemplateTerms],
    category: ForceCategory,
    decision: DecisionType,
    dated: Date,
) -> Result<Choice, FieldError> {
    let in_force: Vec<&TemplateTerms> = templates
        .iter()
        .filter(|t| t.categories.contains(&category) && t.in_force_on(dated))
        .collect();
    if in_force.is_empty() {
        let others: Vec<String> = templates
            .iter()
            .filter(|t| t.categories.contains(&category))
            .map(|t| format!("{} ({})", t.legal_basis, t.period()))
            .collect();
        let message = if others.is_empty() {
            format!("no procedure is recorded for {}", category.label())
        } else {
            format!(
                "no procedure for {} is in force on {dated}; the procedures for them are: {}",
                category.label(),
                others.join("; ")
            )
        };
        return Err(FieldError::new("dated", "no_procedure", message));
    }
    match in_force.iter().find(|t| t.decisions.contains(&decision)) {
        Some(template) => Ok(Choice {
            template_id: template.id,
            explanation: format!(
                "A {} decision dated {dated} for {}: {} apply (in force {}).",
                decision.as_str(),
                category.label(),
                template.legal_basis,
                template.period()
            ),
        }),
        None => {
            let basis = &in_force[0].legal_basis;
            let elsewhere: Vec<String> = templates
                .iter()
                .filter(|t| t.categories.contains(&category) && t.decisions.contains(&decision))
                .map(|t| format!("{} ({})", t.legal_basis, t.period()))
                .collect();
            let mut message = format!(
                "\"{}\" is not a decision under {basis}, which applies on {dated}",
                decision.as_str()
            );
            if !elsewhere.is_empty() {
                message.push_str(&format!("; it exists under {}", elsewhere.join("; ")));
            }
            Err(FieldError::new("decision", "not_under_this_law", message))
        }
    }
}

/// What opening a dossier takes: a title, who is sent, the decision sought, and the date
/// of the procedure, which decides the law that applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierDraft {
    pub title: String,
    pub category: ForceCategory,
    pub decision: DecisionType,
    pub dated: Date,
}

impl DossierDraft {
    pub fn parse(
        title: &str,
        category: &str,
        decision: &str,
        dated: &str,
    ) -> Result<Self, crate::Invalid> {
        let mut checker = crate::validation::Checker::default();
        let title = checker.check(crate::validation::text("title", title, 300));
        let category = checker.check(ForceCategory::parse_field("category", category));
        let decision = checker.check(DecisionType::parse_field("decision", decision));
        let dated = checker.check(crate::person::parse_date("dated", dated));
        checker.finish()?;
        Ok(Self {
            title: title.unwrap_or_default(),
            category: category.unwrap_or(ForceCategory::MndArmed),
            decision: decision.unwrap_or(DecisionType::Send),
            dated: dated.unwrap_or(Date::MIN),
        })
    }
}

/// Why an action on a step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the dossier is {0} and takes no further action")]
    Closed(DossierStatus),
    #[error("this step is {0}, not waiting for a decision: steps are decided in order, once")]
    NotActive(StepStatus),
    #[error("a comment is required to return or reject a step")]
    CommentRequired,
    #[error("the first step has nothing before it to return to; reject it instead")]
    NothingToReturnTo,
    #[error("attach these documents before approving: {}", .0.join(", "))]
    MissingDocuments(Vec<String>),
}

impl Refusal {
    pub fn field(&self) -> &'static str {
        match self {
            Refusal::CommentRequired => "comment",
            Refusal::MissingDocuments(_) => "documents",
            _ => "action",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Closed(_) => "dossier_closed",
            Refusal::NotActive(_) => "step_not_active",
            Refusal::CommentRequired => "required",
            Refusal::NothingToReturnTo => "nothing_to_return_to",
            Refusal::MissingDocuments(_) => "missing_documents",
        }
    }
}

impl Refusal {
    /// The refusal as a message for people.
    pub fn message(&self) -> Message {
        match self {
            Refusal::Closed(status) => {
                Message::new("dispatch.closed").term("status", "dossier_status", status.as_str())
            }
            Refusal::NotActive(status) => Message::new("dispatch.step_not_active").term(
                "status",
                "step_status",
                status.as_str(),
            ),
            Refusal::CommentRequired => Message::new("dispatch.comment_required"),
            Refusal::NothingToReturnTo => Message::new("dispatch.nothing_to_return_to"),
            Refusal::MissingDocuments(documents) => {
                Message::new("dispatch.missing_documents").text("documents", documents.join(", "))
            }
        }
    }
}

impl From<Refusal> for FieldError {
    fn from(refusal: Refusal) -> Self {
        FieldError::said(refusal.field(), refusal.code(), refusal.message())
    }
}

/// The steps' new statuses (same order as given) and the dossier's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub steps: Vec<StepStatus>,
    pub dossier: DossierStatus,
}

impl Transition {
    /// Indices of the steps this transition opens (were not active, are now).
    pub fn opened(&self, before: &[(u32, StepStatus)]) -> Vec<usize> {
        self.steps
            .iter()
            .zip(before)
            .enumerate()
            .filter(|(_, (now, (_, was)))| {
                **now == StepStatus::Active && *was != StepStatus::Active
            })
            .map(|(index, _)| index)
            .collect()
    }
}

/// The statuses of a new dossier's steps: the first position open, the rest waiting.
pub fn opening(seqs: &[u32]) -> Vec<StepStatus> {
    let first = seqs.iter().copied().min();
    seqs.iter()
        .map(|&seq| {
            if Some(seq) == first {
                StepStatus::Active
            } else {
                StepStatus::Waiting
            }
        })
        .collect()
}

/// Applies `action` on step `index` of a dossier whose steps are `(seq, status)`.
///
/// Approving the last open step of a position opens the next position, or approves the
/// dossier after the last. Returning reopens the previous position and sets the returned
/// position back to waiting (its approvals were given on a dossier that will change).
/// Rejecting ends the procedure.
pub fn act(
    dossier: DossierStatus,
    steps: &[(u32, StepStatus)],
    index: usize,
    action: StepAction,
    comment: Option<&str>,
) -> Result<Transition, Refusal> {
    if dossier != DossierStatus::InProgress {
        return Err(Refusal::Closed(dossier));
    }
    let (seq, status) = steps[index];
    if status != StepStatus::Active {
        return Err(Refusal::NotActive(status));
    }
    let has_comment = comment.is_some_and(|c| !c.trim().is_empty());
    let mut next: Vec<StepStatus> = steps.iter().map(|&(_, status)| status).collect();
    let mut dossier_status = DossierStatus::InProgress;
    match action {
        StepAction::Approve => {
            next[index] = StepStatus::Approved;
            let position_done = steps
                .iter()
                .zip(&next)
                .all(|(&(s, _), &now)| s != seq || now == StepStatus::Approved);
            if position_done {
                match steps.iter().map(|&(s, _)| s).filter(|&s| s > seq).min() {
                    Some(following) => open_position(steps, &mut next, following),
                    None => dossier_status = DossierStatus::Approved,
                }
            }
        }
        StepAction::Return => {
            if !has_comment {
                return Err(Refusal::CommentRequired);
            }
            let previous = steps
                .iter()
                .map(|&(s, _)| s)
                .filter(|&s| s < seq)
                .max()
                .ok_or(Refusal::NothingToReturnTo)?;
            for (now, &(s, _)) in next.iter_mut().zip(steps) {
                if s == seq {
                    *now = StepStatus::Waiting;
                }
            }
            open_position(steps, &mut next, previous);
        }
        StepAction::Reject => {
            if !has_comment {
                return Err(Refusal::CommentRequired);
            }
            next[index] = StepStatus::Rejected;
            dossier_status = DossierStatus::Rejected;
        }
    }
    Ok(Transition {
        steps: next,
        dossier: dossier_status,
    })
}

fn open_position(steps: &[(u32, StepStatus)], next: &mut [StepStatus], seq: u32) {
    for (now, &(s, _)) in next.iter_mut().zip(steps) {
        if s == seq {
            *now = StepStatus::Active;
        }
    }
}

/// The required document kinds not yet attached.
pub fn missing_documents(required: &[String], attached: &[String]) -> Vec<String> {
    required
        .iter()
        .filter(|kind| !attached.contains(kind))
        .cloned()
        .collect()
}

/// Whole days a step has waited past its limit on `today` (0 when within it).
pub fn days_overdue(active_since: Date, limit_days: u32, today: Date) -> i64 {
    let waited = (today - active_since).whole_days();
    (waited - i64::from(limit_days)).max(0)
}

/// Attached files: what may be stored and how large.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The accepted file types, by extension, with the content type they are served as.
pub const DOCUMENT_TYPES: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("odt", "application/vnd.oasis.opendocument.text"),
];

fn parse_document_kind(kind: &str) -> Result<String, FieldError> {
    let kind = kind.trim();
    if DOCUMENT_KINDS.contains(&kind) {
        Ok(kind.to_owned())
    } else {
        Err(FieldError::new(
            "kind",
            "unknown_value",
            "message.unknown_document_kind",
        ))
    }
}

/// The kinds of document a dossier holds: those the templates' steps require, and the
/// papers that commonly travel with them. The attach form offers exactly these.
pub const DOCUMENT_KINDS: &[&str] = &[
    "submission",
    "decision",
    "opinion",
    "report",
    "un_letter",
    "other",
];

/// Checks an attachment's name, kind and size; returns the cleaned file name and the
/// content type it will be served as. The bytes' own signature must match the extension
/// for the types that have one, so a renamed executable is not served as a PDF.
pub fn check_document(
    file_name: &str,
    kind: &str,
    bytes: &[u8],
) -> Result<(String, String, &'static str), crate::Invalid> {
    let mut checker = crate::validation::Checker::default();
    let kind = checker.check(parse_document_kind(kind));
    let name: String = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(150)
        .collect();
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let content_type = DOCUMENT_TYPES
        .iter()
        .find(|(ext, _)| *ext == extension)
        .map(|(_, content_type)| *content_type);
    if name.trim().is_empty() {
        checker.push(FieldError::new(
            "file",
            "required",
            "validation.choose_a_file_to_attach",
        ));
    } else if content_type.is_none() {
        let allowed: Vec<&str> = DOCUMENT_TYPES.iter().map(|(ext, _)| *ext).collect();
        checker.push(FieldError::said(
            "file",
            "file_type",
            crate::message::Message::new("validation.one_of").text("allowed", allowed.join(", ")),
        ));
    } else if bytes.is_empty() {
        checker.push(FieldError::new(
            "file",
            "empty",
            "validation.the_file_is_empty",
        ));
    } else if bytes.len() > MAX_DOCUMENT_BYTES {
        checker.push(FieldError::said(
            "file",
            "too_large",
            crate::message::Message::new("validation.at_most_mib")
                .number("mib", (MAX_DOCUMENT_BYTES / 1024 / 1024) as i64),
        ));
    } else if !signature_matches(&extension, bytes) {
        checker.push(FieldError::said(
            "file",
            "content_mismatch",
            crate::message::Message::new("validation.content_not_extension")
                .text("extension", extension.clone()),
        ));
    }
    checker.finish()?;
    Ok((
        name.trim().to_owned(),
        kind.unwrap_or_default(),
        content_type.unwrap_or("application/octet-stream"),
    ))
}

fn signature_matches(extension: &str, bytes: &[u8]) -> bool {
    match extension {
        "pdf" => bytes.starts_with(b"%PDF-"),
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "docx" | "xlsx" | "odt" => bytes.starts_with(b"PK\x03\x04"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepStatus::{Active, Approved, Waiting};

    fn terms() -> Vec<TemplateTerms> {
        TEMPLATES
            .iter()
            .enumerate()
            .map(|(i, t)| TemplateTerms {
                id: i as i64 + 1,
                legal_basis: t.legal_basis.to_owned(),
                valid_from: t.valid_from,
                valid_to: t.valid_to,
                categories: t.categories.to_vec(),
                decisions: t.decisions.to_vec(),
            })
            .collect()
    }

    #[test]
    fn the_template_follows_the_date_of_the_decision() {
        let old = choose_template(&terms(), MndArmed, Send, date!(2025 - 12 - 31)).unwrap();
        let new = choose_template(&terms(), MndArmed, Send, date!(2026 - 01 - 02)).unwrap();
        assert_eq!(old.template_id, 1);
        assert_eq!(new.template_id, 2);
        assert!(old.explanation.contains("Resolution 130/2020/QH14"));
        assert!(new.explanation.contains("Law 92/2025/QH15"));
        let civil = choose_template(&terms(), Civilian, Send, date!(2026 - 03 - 01)).unwrap();
        assert_eq!(civil.template_id, 3);
    }

    #[test]
    fn extension_and_civilians_are_refused_before_the_law() {
        let error = choose_template(&terms(), MpsArmed, Extend, date!(2025 - 06 - 01)).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.code),
            ("decision", "not_under_this_law")
        );
        assert!(
            error.message.contains("Law 92/2025/QH15"),
            "{}",
            error.message
        );
        let error = choose_template(&terms(), Civilian, Send, date!(2025 - 06 - 01)).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.code),
            ("dated", "no_procedure")
        );
        let error = choose_template(&terms(), MndArmed, Send, date!(2014 - 01 - 01)).unwrap_err();
        assert_eq!(error.code, "no_procedure");
        let before = choose_template(&terms(), MndArmed, Send, date!(2021 - 06 - 30)).unwrap();
        assert_eq!(before.template_id, 4);
    }

    fn run(steps: &[(u32, StepStatus)], index: usize, action: StepAction) -> Transition {
        act(
            DossierStatus::InProgress,
            steps,
            index,
            action,
            Some("see note"),
        )
        .unwrap()
    }

    #[test]
    fn parallel_steps_wait_for_each_other() {
        let steps = [(1, Approved), (2, Active), (2, Active), (3, Waiting)];
        let after = run(&steps, 1, StepAction::Approve);
        assert_eq!(after.steps, vec![Approved, Approved, Active, Waiting]);
        let steps: Vec<_> = steps.iter().map(|s| s.0).zip(after.steps).collect();
        let after = run(&steps, 2, StepAction::Approve);
        assert_eq!(after.steps, vec![Approved, Approved, Approved, Active]);
        assert_eq!(after.dossier, DossierStatus::InProgress);
        let steps: Vec<_> = steps.iter().map(|s| s.0).zip(after.steps).collect();
        let last = run(&steps, 3, StepAction::Approve);
        assert_eq!(last.dossier, DossierStatus::Approved);
    }

    #[test]
    fn a_return_reopens_the_previous_position_and_resets_its_own() {
        let steps = [(1, Approved), (2, Approved), (2, Approved), (3, Active)];
        let after = run(&steps, 3, StepAction::Return);
        assert_eq!(after.steps, vec![Approved, Active, Active, Waiting]);
        assert_eq!(after.opened(&steps), vec![1, 2]);
        let parallel = [(1, Approved), (2, Approved), (2, Active), (3, Waiting)];
        let after = run(&parallel, 2, StepAction::Return);
        assert_eq!(after.steps, vec![Active, Waiting, Waiting, Waiting]);
        let first = [(1, Active), (2, Waiting)];
        assert_eq!(
            act(
                DossierStatus::InProgress,
                &first,
                0,
                StepAction::Return,
                Some("x")
            ),
            Err(Refusal::NothingToReturnTo)
        );
    }

    #[test]
    fn steps_are_decided_once_and_in_order() {
        let steps = [(1, Approved), (2, Active), (3, Waiting)];
        let twice = act(
            DossierStatus::InProgress,
            &steps,
            0,
            StepAction::Approve,
            None,
        );
        assert_eq!(twice, Err(Refusal::NotActive(Approved)));
        let skip = act(
            DossierStatus::InProgress,
            &steps,
            2,
            StepAction::Approve,
            None,
        );
        assert_eq!(skip, Err(Refusal::NotActive(Waiting)));
        let silent = act(
            DossierStatus::InProgress,
            &steps,
            1,
            StepAction::Reject,
            Some(" "),
        );
        assert_eq!(silent, Err(Refusal::CommentRequired));
        let rejected = run(&steps, 1, StepAction::Reject);
        assert_eq!(rejected.dossier, DossierStatus::Rejected);
        let closed = act(
            DossierStatus::Rejected,
            &steps,
            1,
            StepAction::Approve,
            None,
        );
        assert_eq!(closed, Err(Refusal::Closed(DossierStatus::Rejected)));
    }

    #[test]
    fn templates_open_on_one_position_and_their_agencies_exist() {
        for template in TEMPLATES.iter().chain(DRAFT_TEMPLATES) {
            let seqs: Vec<u32> = template.steps.iter().map(|s| s.seq).collect();
            assert_eq!(opening(&seqs).iter().filter(|s| **s == Active).count(), 1);
            assert!(
                seqs.windows(2).all(|w| w[0] <= w[1]),
                "{} steps out of order",
                template.code
            );
            for step in template.steps {
                assert!(
                    step.agency == LEAD_AGENCY
                        || crate::agency::SEED.iter().any(|a| a.code == step.agency),
                    "{} names unknown agency {}",
                    step.code,
                    step.agency
                );
            }
        }
    }

    #[test]
    fn every_document_a_template_requires_is_a_kind_the_form_offers() {
        for template in TEMPLATES.iter().chain(DRAFT_TEMPLATES) {
            for step in template.steps {
                for kind in step.documents {
                    assert!(DOCUMENT_KINDS.contains(kind), "{}: {kind}", template.code);
                }
            }
        }
    }

    #[test]
    fn documents_are_checked_by_name_size_and_content() {
        let (name, kind, content_type) =
            check_document("C:\\scan\\decision.PDF", "decision", b"%PDF-1.7 ...").unwrap();
        assert_eq!(
            (name.as_str(), kind.as_str(), content_type),
            ("decision.PDF", "decision", "application/pdf")
        );
        let codes = |result: Result<_, crate::Invalid>| -> Vec<&'static str> {
            result.unwrap_err().0.iter().map(|e| e.code).collect()
        };
        assert_eq!(
            codes(check_document("run.exe", "decision", b"MZ")),
            vec!["file_type"]
        );
        assert_eq!(
            codes(check_document("fake.pdf", "decision", b"MZ\x90")),
            vec!["content_mismatch"]
        );
        assert_eq!(
            codes(check_document("a.pdf", "decision", b"")),
            vec!["empty"]
        );
        assert_eq!(
            codes(check_document(
                "a.pdf",
                "minutes_typed_by_hand",
                b"%PDF-1.7"
            )),
            vec!["unknown_value"]
        );
        assert_eq!(
            missing_documents(
                &["submission".into(), "decision".into()],
                &["decision".into()]
            ),
            vec!["submission".to_owned()]
        );
        assert_eq!(
            days_overdue(date!(2026 - 01 - 01), 5, date!(2026 - 01 - 10)),
            4
        );
        assert_eq!(
            days_overdue(date!(2026 - 01 - 01), 15, date!(2026 - 01 - 10)),
            0
        );
    }
}
