//! The demo's directives: the conclusions of the conference that reviewed the law
//! enforcement on participation in UN peacekeeping, given as tasks to the agencies that
//! attended. The conference and its directives follow the public record; the dates are
//! synthetic, set from the day the demo is loaded so that one task is closed on time, one
//! is overdue and one is just assigned.

use anyhow::{anyhow, Result};
use bluehelm_app::coordination;
use bluehelm_app::Ctx;
use bluehelm_domain::coordination::{ContributionInput, DirectiveInput, StepInput, TaskInput};
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
