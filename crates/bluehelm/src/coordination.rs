//! The demo's directives: the conclusions of the conference that reviewed the law
//! enforcement on participation in UN peacekeeping, given as tasks to the agencies that
//! attended. The conference and its directives follow the public record; the dates are
//! synthetic, set from the day the demo is loaded so that one task is closed on time, one
//! is overdue and one is just assigned.

use anyhow::{anyhow, Result};
use bluehelm_app::coordination;
use bluehelm_app::Ctx;
use bluehelm_domain::coordination::{
    BodyInput, ContributionInput, DirectiveInput, MemberInput, StepInput, TaskInput,
};
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
    let directive = DirectiveInput {
        title: "Kết luận Hội nghị tổng kết thi hành pháp luật về tham gia lực lượng gìn giữ hòa bình Liên hợp quốc (dữ liệu mô phỏng)".to_owned(),
        issued_on: day(today, -90),
        issued_by: "Hội nghị tổng kết thi hành pháp luật".to_owned(),
        document_id: String::new(),
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
