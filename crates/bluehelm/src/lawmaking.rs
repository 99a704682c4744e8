//! The demo's law-making projects: the history of Law 92/2025/QH15 from the review of the
//! law enforcement under Resolution 130/2020/QH14 to its entry into force, and the pending
//! decree on regimes and policies as an open project. The adoption date, number and entry
//! into force of the Law are the published ones; the dates of the earlier stages, the
//! draft versions and the opinions are synthetic, and the projects' notes say so.

use anyhow::{anyhow, Result};
use bluehelm_app::lawmaking;
use bluehelm_app::Ctx;
use bluehelm_domain::lawmaking::{CompletionInput, DraftInput, OpinionInput, ProjectInput};
use bluehelm_store::Store;

/// (stage, done on, note) of the Law's stages before its adoption; synthetic dates.
const LAW_STAGES: &[(&str, &str, &str)] = &[
    ("policy_proposal", "2023-09-29", "Báo cáo tổng kết thi hành Nghị quyết 130/2020/QH14 và báo cáo đánh giá tác động chính sách."),
    ("consultation", "2023-12-15", "Lấy ý kiến các bộ, ngành và đăng tải lấy ý kiến Nhân dân."),
    ("appraisal", "2024-01-31", "Báo cáo thẩm định của Bộ Tư pháp."),
    ("government_submission", "2024-03-15", "Tờ trình của Chính phủ."),
    ("programme", "2024-06-30", "Được đưa vào Chương trình xây dựng luật, pháp lệnh năm 2025."),
    ("drafting", "2025-04-20", "Dự án Luật trình Quốc hội tại kỳ họp thứ 9."),
];

/// (agency, version, received on, opinion, disposition, response).
type OpinionSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const LAW_OPINIONS: &[OpinionSeed] = &[
    ("BCA-VPTT", "1", "2023-11-20", "Đề nghị quy định rõ lực lượng của Bộ Công an tham gia theo hình thức cá nhân và đơn vị.",
     "accepted", "Đã bổ sung tại dự thảo lần 2."),
    ("BNG-TCQT", "1", "2023-11-27", "Đề nghị bổ sung việc phối hợp với Phái đoàn thường trực tại Liên hợp quốc khi triển khai lực lượng.",
     "partly", "Tiếp thu về nguyên tắc; chi tiết giao Chính phủ quy định."),
    ("BTC", "1", "2023-12-01", "Đề nghị quy định nguồn kinh phí bảo đảm và cơ chế hoàn trả của Liên hợp quốc.",
     "accepted", "Đã bổ sung điều về kinh phí."),
    ("BNV", "2", "2024-01-10", "Đề nghị cho phép cán bộ, công chức, viên chức tham gia lực lượng.",
     "accepted", "Đã bổ sung lực lượng dân sự."),
];

const DECREE_OPINIONS: &[OpinionSeed] = &[
    (
        "BTC",
        "1",
        "2026-03-20",
        "Đề nghị làm rõ mức phụ cấp đặc thù và nguồn chi.",
        "pending",
        "",
    ),
    (
        "BLDTBXH",
        "1",
        "2026-03-25",
        "Đề nghị thống nhất chế độ đối với thương binh, người hưởng chính sách như thương binh.",
        "declined",
        "Đã được quy định tại pháp luật về ưu đãi người có công.",
    ),
    (
        "BNV",
        "1",
        "2026-04-02",
        "Đề nghị quy định nâng lương trước thời hạn đối với người hoàn thành tốt nhiệm vụ.",
        "accepted",
        "Đã bổ sung.",
    ),
];

fn draft(dated: &str, summary: &str) -> DraftInput {
    DraftInput {
        dated: dated.to_owned(),
        summary: summary.to_owned(),
    }
}

fn complete(stage: &str, done_on: &str, note: &str) -> CompletionInput {
    CompletionInput {
        stage: stage.to_owned(),
        done_on: done_on.to_owned(),
        note: note.to_owned(),
        ..CompletionInput::default()
    }
}

async fn opinions(ctx: &Ctx<'_>, project: i64, seeds: &[OpinionSeed]) -> Result<()> {
    for &(agency, version, received_on, content, disposition, response) in seeds {
        let input = OpinionInput {
            agency: agency.to_owned(),
            version: version.to_owned(),
            received_on: received_on.to_owned(),
            content: content.to_owned(),
            disposition: disposition.to_owned(),
            response: response.to_owned(),
        };
        lawmaking::add_opinion(ctx, project, &input)
            .await
            .map_err(|error| anyhow!("demo opinion of {agency}: {error:?}"))?;
    }
    Ok(())
}

fn document_id(choices: &[(i64, String)], number: &str) -> String {
    choices
        .iter()
        .find(|(_, label)| label.starts_with(&format!("{number}:")))
        .map(|(id, _)| id.to_string())
        .unwrap_or_default()
}

/// Loads both projects, as the department's coordinator `username`.
pub async fn load(store: &Store, username: &str) -> Result<()> {
    let principal = crate::demo::principal_of(store, username).await?;
    let ctx = Ctx::new(store, &principal);
    let fail = |what: &'static str| move |error| anyhow!("demo {what}: {error:?}");
    let choices = bluehelm_app::legal::choices(&ctx, true)
        .await
        .map_err(fail("registry"))?;
    let pending_decree = choices
        .iter()
        .find(|(_, label)| label.starts_with("Nghị định quy định chế độ, chính sách"))
        .map(|(id, _)| id.to_string())
        .unwrap_or_default();
    let consulted = |codes: &[&str]| codes.iter().map(|code| (*code).to_owned()).collect();

    let law = lawmaking::create_project(
        &ctx,
        &ProjectInput {
            kind: "law".to_owned(),
            title_vi: "Luật Tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc".to_owned(),
            title_en: "Law on Participation in United Nations Peacekeeping Forces".to_owned(),
            presiding: "BQP-CGGHB".to_owned(),
            guiding: "BQP-CPC".to_owned(),
            consulted: consulted(&["BCA-VPTT", "BNG-TCQT", "BTC", "BNV", "BTP", "BLDTBXH"]),
            opened_on: "2023-03-01".to_owned(),
            document_id: document_id(&choices, "92/2025/QH15"),
            implements_id: String::new(),
            replaces_id: document_id(&choices, "130/2020/QH14"),
            note: "Dữ liệu mô phỏng: ngày thông qua, số hiệu và ngày có hiệu lực của Luật là thật; ngày các bước trước, các lần dự thảo và ý kiến góp ý là giả định.".to_owned(),
        },
    )
    .await
    .map_err(fail("law project"))?;
    lawmaking::add_draft(
        &ctx,
        law.id,
        &draft(
            "2023-09-15",
            "Dự thảo Luật lần 1 kèm hồ sơ đề nghị xây dựng luật.",
        ),
    )
    .await
    .map_err(fail("law draft"))?;
    for &(stage, done_on, note) in LAW_STAGES {
        if stage == "appraisal" {
            lawmaking::add_draft(
                &ctx,
                law.id,
                &draft(
                    "2024-01-05",
                    "Dự thảo lần 2: tiếp thu ý kiến các bộ, ngành.",
                ),
            )
            .await
            .map_err(fail("law draft"))?;
        }
        lawmaking::complete_stage(&ctx, law.id, &complete(stage, done_on, note))
            .await
            .map_err(fail("law stage"))?;
    }
    opinions(&ctx, law.id, LAW_OPINIONS).await?;
    lawmaking::complete_stage(
        &ctx,
        law.id,
        &CompletionInput {
            stage: "adoption".to_owned(),
            note: "Quốc hội thông qua với 445/445 đại biểu tán thành.".to_owned(),
            number: "92/2025/QH15".to_owned(),
            signed_on: "2025-06-26".to_owned(),
            effective_on: "2026-01-01".to_owned(),
            ..CompletionInput::default()
        },
    )
    .await
    .map_err(fail("law adoption"))?;

    let decree = lawmaking::create_project(
        &ctx,
        &ProjectInput {
            kind: "decree".to_owned(),
            title_vi: "Nghị định quy định chế độ, chính sách đối với cá nhân và bảo đảm đối với tổ chức tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc".to_owned(),
            title_en: "Decree on regimes and policies for individuals and assurance for organisations participating in United Nations peacekeeping forces".to_owned(),
            presiding: "BQP-CGGHB".to_owned(),
            guiding: "BQP-CPC".to_owned(),
            consulted: consulted(&["BCA-VPTT", "BTC", "BNV", "BLDTBXH", "BTP"]),
            opened_on: "2025-09-04".to_owned(),
            document_id: pending_decree,
            implements_id: document_id(&choices, "92/2025/QH15"),
            replaces_id: document_id(&choices, "162/2016/NĐ-CP"),
            note: "Dữ liệu mô phỏng: dự án có thật theo Quyết định 1897/QĐ-TTg; ngày các bước và ý kiến góp ý là giả định.".to_owned(),
        },
    )
    .await
    .map_err(fail("decree project"))?;
    lawmaking::add_draft(
        &ctx,
        decree.id,
        &draft(
            "2026-02-10",
            "Dự thảo Nghị định lần 1: phụ cấp đặc thù, phụ cấp cho nữ, nâng lương trước thời hạn.",
        ),
    )
    .await
    .map_err(fail("decree draft"))?;
    lawmaking::complete_stage(
        &ctx,
        decree.id,
        &complete("drafting", "2026-03-01", "Dự thảo gửi lấy ý kiến."),
    )
    .await
    .map_err(fail("decree stage"))?;
    opinions(&ctx, decree.id, DECREE_OPINIONS).await
}
