//! The demo's coordination: the bodies with their heads from the public record; the
//! conference that reviewed the law enforcement on participation in UN peacekeeping, with
//! the agencies that attended, and its conclusions given as tasks to them (the conference
//! and its directives follow the public record; the dates are synthetic, set from the day
//! the demo is loaded so that one task is closed on time, one is overdue and one is just
//! assigned); two inspection visits with findings and open recommendations, and outreach
//! activities over several years (synthetic, and said so in their notes and titles).

use anyhow::{anyhow, Result};
use bluehelm_app::coordination;
use bluehelm_app::Ctx;
use bluehelm_app::{inspections, outreach};
use bluehelm_domain::coordination::{
    BodyInput, ConferenceInput, ContributionInput, DirectiveInput, MemberInput, StepInput,
    TaskInput,
};
use bluehelm_domain::inspection::{CheckInput, FindingInput, InspectionInput, RecommendationInput};
use bluehelm_domain::outreach::ActivityInput;
use bluehelm_store::Store;
use time::{Date, Duration};

fn day(today: Date, days: i64) -> String {
    (today + Duration::days(days)).to_string()
}

fn task(
    title: &str,
    product: &str,
    presiding: &str,
    coordinating: &[(&str, &str)],
    due_on: String,
) -> TaskInput {
    TaskInput {
        title: title.to_owned(),
        product: product.to_owned(),
        presiding: presiding.to_owned(),
        coordinating: coordinating
            .iter()
            .map(|(agency, contribution)| ContributionInput {
                agency: (*agency).to_owned(),
                contribution: (*contribution).to_owned(),
            })
            .collect(),
        due_on,
        law_project_id: String::new(),
        mission: String::new(),
        unit_id: String::new(),
        dossier_id: String::new(),
    }
}

fn step(action: &str, share_done: &str, note: &str) -> StepInput {
    StepInput {
        action: action.to_owned(),
        share_done: share_done.to_owned(),
        note: note.to_owned(),
        due_on: String::new(),
    }
}

/// A demo member: (account or empty, name or empty, position, agency, role, from).
type MemberSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// A demo body: kind, Vietnamese and English names, standing agency, note, members.
type BodySeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [MemberSeed],
);

const BODIES: &[BodySeed] = &[
    ("working_group", "Tổ công tác liên ngành về tham gia hoạt động gìn giữ hòa bình Liên hợp quốc",
     "Inter-agency Working Group on Viet Nam's participation in UN peacekeeping operations", "BQP-CGGHB",
     "Chuyển từ Bộ Ngoại giao sang Bộ Quốc phòng ngày 05/01/2018. Trưởng ban theo nguồn công khai; các thành viên khác là tài khoản mô phỏng.",
     &[("", "Hoàng Xuân Chiến", "Thứ trưởng Bộ Quốc phòng", "BQP", "head", "2021-01-01"),
       ("coordinator", "", "Cục Gìn giữ hòa bình Việt Nam", "BQP-CGGHB", "secretary", "2021-01-01"),
       ("coordinator.bca", "", "Văn phòng Thường trực, Bộ Công an", "BCA-VPTT", "member", "2021-01-01"),
       ("mfa.officer", "", "Vụ Các tổ chức quốc tế, Bộ Ngoại giao", "BNG-TCQT", "member", "2021-01-01")]),
    ("steering_committee", "Ban Chỉ đạo Bộ Quốc phòng về tham gia hoạt động gìn giữ hòa bình Liên hợp quốc",
     "Steering Committee of the Ministry of National Defence on UN peacekeeping operations", "BQP-CGGHB",
     "Trưởng ban theo nguồn công khai; ngày bắt đầu nhiệm kỳ và các thành viên khác là mô phỏng.",
     &[("", "Hoàng Xuân Chiến", "Thứ trưởng Bộ Quốc phòng", "BQP", "head", "2021-01-01"),
       ("coordinator", "", "Cục Gìn giữ hòa bình Việt Nam", "BQP-CGGHB", "secretary", "2021-01-01")]),
    ("steering_committee", "Ban Chỉ đạo Bộ Công an về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc",
     "Steering Committee of the Ministry of Public Security on UN peacekeeping", "BCA-VPTT",
     "Dữ liệu mô phỏng.",
     &[("coordinator.bca", "", "Văn phòng Thường trực", "BCA-VPTT", "secretary", "2021-01-01")]),
];

/// Records the coordinating bodies and their members as the coordinator `coordinator`.
pub async fn load_bodies(store: &Store, coordinator: &str) -> Result<()> {
    let principal = crate::demo::principal_of(store, coordinator).await?;
    let ctx = Ctx::new(store, &principal);
    let fail = |what: &'static str| move |error| anyhow!("demo {what}: {error:?}");
    for &(kind, name_vi, name_en, standing, note, members) in BODIES {
        let body = coordination::create_body(
            &ctx,
            &BodyInput {
                kind: kind.to_owned(),
                name_vi: name_vi.to_owned(),
                name_en: name_en.to_owned(),
                standing: standing.to_owned(),
                note: note.to_owned(),
            },
        )
        .await
        .map_err(fail("body"))?;
        for &(username, name, position, agency, role, from_on) in members {
            let input = MemberInput {
                username: username.to_owned(),
                name: name.to_owned(),
                position: position.to_owned(),
                agency: agency.to_owned(),
                role: role.to_owned(),
                from_on: from_on.to_owned(),
                to_on: String::new(),
            };
            coordination::add_member(&ctx, body.id, &input)
                .await
                .map_err(fail("member"))?;
        }
    }
    Ok(())
}

/// Records the directive as the coordinator `coordinator` and moves its tasks as the
/// Ministry of Defence's officer `officer`.
pub async fn load(store: &Store, coordinator: &str, officer: &str, today: Date) -> Result<()> {
    let coordinator = crate::demo::principal_of(store, coordinator).await?;
    let officer = crate::demo::principal_of(store, officer).await?;
    let by_coordinator = Ctx::new(store, &coordinator);
    let by_officer = Ctx::new(store, &officer);
    let fail = |what: &'static str| move |error| anyhow!("demo {what}: {error:?}");
    let conference_title =
        "Hội nghị tổng kết thi hành pháp luật về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc";
    // Every member of the steering committee that met attended.
    let members: Vec<String> = store
        .body_members()
        .await?
        .into_iter()
        .filter(|(_, body, ..)| *body == 2)
        .map(|(id, ..)| id.to_string())
        .collect();
    let conference = coordination::create_conference(
        &by_coordinator,
        &ConferenceInput {
            title: conference_title.to_owned(),
            held_on: day(today, -90),
            body_id: "2".to_owned(),
            chair: "Hoàng Xuân Chiến, Thứ trưởng Bộ Quốc phòng".to_owned(),
            place: "Hà Nội".to_owned(),
            agencies: ["BQP-CGGHB", "BQP-CPC", "BCA-VPTT", "BNG-TCQT", "BTP", "BTC", "BNV", "VPQH", "BDNTW", "LHHN"]
                .iter()
                .map(|code| (*code).to_owned())
                .collect(),
            members,
            agenda: "1. Báo cáo tổng kết thi hành pháp luật về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc.\n2. Ý kiến của các bộ, ngành.\n3. Kết luận của đồng chí chủ trì.".to_owned(),
            conclusions: "Cục Gìn giữ hòa bình Việt Nam, cơ quan thường trực Ban Chỉ đạo, chủ trì, phối hợp với các cơ quan liên quan hoàn thiện báo cáo tổng kết thi hành pháp luật, báo cáo cấp có thẩm quyền; Cục Pháp chế Bộ Quốc phòng chủ trì hướng dẫn hoàn thiện hồ sơ xây dựng văn bản; các cơ quan tiếp tục tuyển chọn, huấn luyện lực lượng và đề xuất mở rộng loại hình, quy mô, địa bàn tham gia. (Ngày họp và danh sách cơ quan dự là mô phỏng.)".to_owned(),
            conclusion_document_id: String::new(),
        },
    )
    .await
    .map_err(fail("conference"))?;
    let directive = DirectiveInput {
        title: "Kết luận Hội nghị tổng kết thi hành pháp luật về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc (dữ liệu mô phỏng)".to_owned(),
        issued_on: day(today, -90),
        issued_by: conference_title.to_owned(),
        document_id: String::new(),
        conference_id: conference.to_string(),
        tasks: vec![
            task(
                "Hoàn thành báo cáo tổng kết thi hành pháp luật, báo cáo cấp có thẩm quyền",
                "Báo cáo tổng kết thi hành pháp luật",
                "BQP-CGGHB",
                &[("BCA-VPTT", "Số liệu, đánh giá lực lượng Công an"), ("BNG-TCQT", "Đánh giá công tác đối ngoại")],
                day(today, 10),
            ),
            task(
                "Hướng dẫn hoàn thiện hồ sơ dự án Nghị định về chế độ, chính sách",
                "Hồ sơ dự án Nghị định trình thẩm định",
                "BQP-CPC",
                &[("BQP-CGGHB", "Dự thảo và tờ trình")],
                day(today, -15),
            ),
            task(
                "Tiếp tục tuyển chọn, huấn luyện lực lượng; đề xuất mở rộng loại hình, quy mô, địa bàn tham gia",
                "Đề xuất mở rộng loại hình, quy mô, địa bàn tham gia",
                "BCA-VPTT",
                &[("BQP-CGGHB", "Đề xuất của Bộ Quốc phòng")],
                day(today, 120),
            ),
        ],
    };
    let created = coordination::create_directive(&by_coordinator, &directive)
        .await
        .map_err(fail("directive"))?;
    let [report, dossier, ..] = created.task_ids[..] else {
        return Err(anyhow!("demo directive: three tasks expected"));
    };
    for (ctx, id, input) in [
        (
            &by_officer,
            report,
            step("progress", "60", "Đã tổng hợp báo cáo của các bộ, ngành."),
        ),
        (
            &by_officer,
            report,
            step("submit", "", "Trình dự thảo báo cáo tổng kết."),
        ),
        (&by_coordinator, report, step("accept", "", "")),
        (
            &by_officer,
            dossier,
            step("progress", "60", "Đang tiếp thu ý kiến thẩm định."),
        ),
    ] {
        coordination::take_step(ctx, id, &input)
            .await
            .map_err(fail("task step"))?;
    }
    Ok(())
}

/// A demo finding: area, severity, description, whether it concerns the unit visited,
/// and the recommendation it gives (title, product, presiding agency, days after the
/// visit's end it is due, whether it was done), if one.
type FindingSeed = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<(&'static str, &'static str, &'static str, i64, bool)>,
);

/// A demo visit: title, mission, the days before today it started, areas with results.
type VisitSeed = (
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, &'static str)],
    &'static [FindingSeed],
);

const VISITS: &[VisitSeed] = &[
    (
        "Kiểm tra Bệnh viện dã chiến cấp 2 tại Phái bộ UNMISS (dữ liệu mô phỏng)",
        "UNMISS",
        200,
        &[("living_conditions", "satisfactory"), ("equipment", "needs_improvement"), ("health", "needs_improvement"),
          ("regimes", "satisfactory"), ("coordination", "satisfactory")],
        &[
            ("equipment", "moderate", "Máy phát điện dự phòng của khối phẫu thuật xuống cấp, thiếu phụ tùng thay thế.", true,
             Some(("Bổ sung phụ tùng, thay thế máy phát điện dự phòng cho Bệnh viện dã chiến cấp 2",
                   "Báo cáo kết quả bổ sung trang thiết bị", "BQP-CGGHB", 45, true))),
            ("health", "moderate", "Một số quân nhân có biểu hiện sốt rét; cơ số thuốc dự phòng còn thấp.", true,
             Some(("Bổ sung cơ số thuốc dự phòng sốt rét, tăng cường phòng chống dịch",
                   "Báo cáo kết quả phòng chống sốt rét", "BQP-HVQY", 30, false))),
        ],
    ),
    (
        "Kiểm tra Đội Công binh tại Khu vực Abyei, Phái bộ UNISFA (dữ liệu mô phỏng)",
        "UNISFA",
        60,
        &[("living_conditions", "unsatisfactory"), ("discipline", "satisfactory"), ("training", "needs_improvement"),
          ("coordination", "needs_improvement")],
        &[
            ("living_conditions", "serious", "Nguồn nước sinh hoạt không ổn định trong mùa khô; nhiệt độ doanh trại vượt 45 °C.", true,
             Some(("Đề nghị Phái bộ bảo đảm nguồn nước, bổ sung thiết bị làm mát doanh trại",
                   "Văn bản đề nghị gửi Phái bộ và kết quả phản hồi", "BNG-PDLHQ", 20, false))),
            ("training", "minor", "Cần tăng cường huấn luyện rà phá vật nổ theo tiêu chuẩn mới của Liên hợp quốc.", false,
             Some(("Bổ sung nội dung huấn luyện rà phá vật nổ cho lực lượng luân phiên tiếp theo",
                   "Chương trình huấn luyện bổ sung", "BQP-CGGHB", 90, false))),
        ],
    ),
];

/// Records the two inspection visits of the working group: the inspector records the
/// visit, its checklist and its findings, the medical officer what concerns health; the
/// coordinator closes the recommendation that was carried out.
pub async fn load_inspections(store: &Store, today: Date) -> Result<()> {
    let inspector = crate::demo::principal_of(store, "inspector").await?;
    let medical = crate::demo::principal_of(store, "medical").await?;
    let coordinator = crate::demo::principal_of(store, "coordinator").await?;
    let officer = crate::demo::principal_of(store, "officer.bqp").await?;
    let by_inspector = Ctx::new(store, &inspector);
    let by_medical = Ctx::new(store, &medical);
    let by_coordinator = Ctx::new(store, &coordinator);
    let by_officer = Ctx::new(store, &officer);
    let fail = |what: &'static str| move |error| anyhow!("demo {what}: {error:?}");
    let missions = store.missions().await?;
    let units = store.unit_missions().await?;
    for &(title, mission, started, checks, findings) in VISITS {
        let mission_id = missions
            .iter()
            .find(|known| known.code == mission)
            .map(|known| known.id);
        // The unit of the line serving there now: the latest recorded at the mission.
        let unit = units
            .iter()
            .filter(|(_, _, at)| *at == mission_id)
            .map(|(id, ..)| *id)
            .max();
        let id = inspections::create_inspection(
            &by_inspector,
            &InspectionInput {
                title: title.to_owned(),
                team_id: "1".to_owned(),
                mission: mission.to_owned(),
                from_on: day(today, -started),
                to_on: day(today, 6 - started),
                units: unit.iter().map(i64::to_string).collect(),
                areas: checks.iter().map(|(area, _)| (*area).to_owned()).collect(),
                note: "Đoàn công tác của Tổ công tác liên ngành.".to_owned(),
            },
        )
        .await
        .map_err(fail("inspection"))?;
        for &(area, result) in checks {
            let ctx = if area == "health" {
                &by_medical
            } else {
                &by_inspector
            };
            let input = CheckInput {
                area: area.to_owned(),
                result: result.to_owned(),
                note: String::new(),
            };
            inspections::record_check(ctx, id, &input)
                .await
                .map_err(fail("check"))?;
        }
        for &(area, severity, description, at_unit, recommendation) in findings {
            let ctx = if area == "health" {
                &by_medical
            } else {
                &by_inspector
            };
            let finding = FindingInput {
                area: area.to_owned(),
                severity: severity.to_owned(),
                description: description.to_owned(),
                unit_id: if at_unit {
                    unit.map(|id| id.to_string()).unwrap_or_default()
                } else {
                    String::new()
                },
            };
            let finding = inspections::add_finding(ctx, id, &finding)
                .await
                .map_err(fail("finding"))?;
            let Some((title, product, presiding, due_after, done)) = recommendation else {
                continue;
            };
            let input = RecommendationInput {
                finding_id: finding.to_string(),
                title: title.to_owned(),
                product: product.to_owned(),
                presiding: presiding.to_owned(),
                coordinating: Vec::new(),
                due_on: day(today, 6 - started + due_after),
            };
            let task = inspections::add_recommendation(&by_inspector, id, &input)
                .await
                .map_err(fail("recommendation"))?;
            if done {
                coordination::take_step(
                    &by_officer,
                    task,
                    &step("submit", "", "Đã thay thế máy phát điện dự phòng."),
                )
                .await
                .map_err(fail("recommendation step"))?;
                coordination::take_step(&by_coordinator, task, &step("accept", "", ""))
                    .await
                    .map_err(fail("recommendation step"))?;
            }
        }
    }
    Ok(())
}

/// A demo activity: kind, title, date, agency, place, audience, participants, viewers,
/// the numbers of the documents disseminated.
type ActivitySeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [&'static str],
);

const ACTIVITIES: &[ActivitySeed] = &[
    (
        "peacekeepers_day",
        "Kỷ niệm Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc",
        "2022-05-29",
        "BQP-CGGHB",
        "Hà Nội",
        "Cán bộ, chiến sĩ và khách mời",
        250,
        12000,
        &[],
    ),
    (
        "media",
        "Phóng sự truyền hình về Bệnh viện dã chiến cấp 2 tại Nam Xu-đăng",
        "2022-11-10",
        "BQP-CGGHB",
        "Truyền hình Quốc phòng Việt Nam",
        "Công chúng",
        0,
        85000,
        &[],
    ),
    (
        "peacekeepers_day",
        "Kỷ niệm Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc",
        "2023-05-29",
        "BQP-CGGHB",
        "Hà Nội",
        "Cán bộ, chiến sĩ và khách mời",
        300,
        15000,
        &[],
    ),
    (
        "exhibition",
        "Triển lãm ảnh 10 năm Việt Nam tham gia gìn giữ hòa bình Liên hợp quốc",
        "2024-06-03",
        "BQP-CGGHB",
        "Hà Nội",
        "Công chúng",
        4000,
        0,
        &["130/2020/QH14"],
    ),
    (
        "law_training",
        "Tập huấn Nghị quyết 130/2020/QH14 cho lực lượng Công an chuẩn bị triển khai",
        "2024-03-12",
        "BCA-VPTT",
        "Hà Nội",
        "Cán bộ Công an được tuyển chọn",
        120,
        0,
        &["130/2020/QH14"],
    ),
    (
        "peacekeepers_day",
        "Kỷ niệm Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc",
        "2025-05-29",
        "BQP-CGGHB",
        "Hà Nội",
        "Cán bộ, chiến sĩ và khách mời",
        320,
        20000,
        &[],
    ),
    (
        "law_training",
        "Hội nghị phổ biến Luật Tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc",
        "2025-09-18",
        "BQP-CPC",
        "Hà Nội",
        "Cán bộ các cơ quan, đơn vị",
        400,
        0,
        &["92/2025/QH15"],
    ),
    (
        "competition",
        "Cuộc thi tìm hiểu pháp luật về tham gia lực lượng gìn giữ hòa bình",
        "2025-11-20",
        "BCA-VPTT",
        "Trực tuyến",
        "Cán bộ, chiến sĩ Công an",
        2600,
        0,
        &["92/2025/QH15"],
    ),
    (
        "publication",
        "Sổ tay pháp luật về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc",
        "2026-02-10",
        "BQP-CPC",
        "",
        "Cán bộ, chiến sĩ được tuyển chọn",
        0,
        3000,
        &["92/2025/QH15"],
    ),
    (
        "peacekeepers_day",
        "Kỷ niệm Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc",
        "2026-05-29",
        "BQP-CGGHB",
        "Hà Nội",
        "Cán bộ, chiến sĩ và khách mời",
        350,
        26000,
        &[],
    ),
];

/// Records the outreach activities of several years as the coordinator (synthetic: the
/// kinds and the law they spread are real, the titles, places and figures are not).
pub async fn load_outreach(store: &Store) -> Result<()> {
    let coordinator = crate::demo::principal_of(store, "coordinator").await?;
    let ctx = Ctx::new(store, &coordinator);
    let documents = store.legal_choices().await?;
    let document = |number: &str| {
        documents
            .iter()
            .find(|(_, _, known, ..)| known.as_deref() == Some(number))
            .map(|(id, ..)| id.to_string())
    };
    for &(kind, title, held_on, agency, place, audience, participants, viewers, numbers) in
        ACTIVITIES
    {
        let input = ActivityInput {
            kind: kind.to_owned(),
            title: format!("{title} (dữ liệu mô phỏng)"),
            held_on: held_on.to_owned(),
            agency: agency.to_owned(),
            place: place.to_owned(),
            audience: audience.to_owned(),
            participants: participants.to_string(),
            viewers: viewers.to_string(),
            documents: numbers
                .iter()
                .filter_map(|number| document(number))
                .collect(),
            materials: String::new(),
        };
        outreach::create_activity(&ctx, &input)
            .await
            .map_err(|error| anyhow!("demo outreach: {error:?}"))?;
    }
    Ok(())
}
