//! The catalogues (specialties, qualification kinds: seeded, editable by administrators)
//! and the settings the rules read (eligibility margins, suitability weights).

use bluehelm_domain::audit::AuditAction;
use bluehelm_domain::catalogue::{QualificationKindDraft, SpecialtyDraft};
use bluehelm_domain::eligibility::EligibilitySettings;
use bluehelm_domain::records::QualificationCategory;
use bluehelm_domain::suitability::Weights;
use serde::Serialize;

use crate::remembered::Remembered;
use crate::{now, on_pool, on_tx, Actor, Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Specialty {
    pub id: i64,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualificationKind {
    pub id: i64,
    pub code: String,
    pub category: String,
    pub name_vi: String,
    pub name_en: String,
    pub validity_months: Option<i64>,
}

/// The specialties seeded in an empty catalogue (administrators add more).
pub const SEED_SPECIALTIES: &[(&str, &str, &str)] = &[
    ("staff_officer", "Sĩ quan tham mưu", "Staff officer"),
    (
        "military_observer",
        "Quan sát viên quân sự",
        "Military observer",
    ),
    ("police_officer", "Sĩ quan cảnh sát", "Police officer"),
    ("medical_doctor", "Bác sĩ", "Medical doctor"),
    ("surgeon", "Bác sĩ phẫu thuật", "Surgeon"),
    ("anaesthetist", "Bác sĩ gây mê", "Anaesthetist"),
    ("nurse", "Điều dưỡng", "Nurse"),
    ("pharmacist", "Dược sĩ", "Pharmacist"),
    ("engineer", "Kỹ sư công binh", "Engineer"),
    ("logistics", "Hậu cần", "Logistics"),
    ("signals", "Thông tin liên lạc", "Signals"),
    ("driver", "Lái xe", "Driver"),
    ("interpreter", "Phiên dịch", "Interpreter"),
];

/// The qualification kinds seeded in an empty catalogue: (code, category, vi, en, months).
pub const SEED_QUALIFICATIONS: &[(&str, QualificationCategory, &str, &str, Option<i64>)] = &[
    (
        "un-sotc",
        QualificationCategory::UnCourse,
        "Khóa sĩ quan tham mưu LHQ",
        "UN Staff Officers Course",
        None,
    ),
    (
        "un-mem",
        QualificationCategory::UnCourse,
        "Khóa chuyên gia quân sự LHQ",
        "UN Military Experts on Mission Course",
        None,
    ),
    (
        "un-poc",
        QualificationCategory::UnCourse,
        "Khóa bảo vệ thường dân",
        "Protection of Civilians Course",
        None,
    ),
    (
        "un-pdt",
        QualificationCategory::UnCourse,
        "Huấn luyện trước triển khai",
        "Pre-deployment training",
        Some(12),
    ),
    (
        "ams-english",
        QualificationCategory::PoliceSelection,
        "Đánh giá AMS: tiếng Anh",
        "AMS: English",
        Some(12),
    ),
    (
        "ams-interview",
        QualificationCategory::PoliceSelection,
        "Đánh giá AMS: phỏng vấn",
        "AMS: interview",
        Some(12),
    ),
    (
        "ams-driving",
        QualificationCategory::PoliceSelection,
        "Đánh giá AMS: lái xe",
        "AMS: driving",
        Some(12),
    ),
    (
        "ams-firearms",
        QualificationCategory::PoliceSelection,
        "Đánh giá AMS: bắn súng",
        "AMS: firearms",
        Some(12),
    ),
    (
        "licence-b",
        QualificationCategory::DrivingLicence,
        "Giấy phép lái xe hạng B",
        "Driving licence B",
        Some(120),
    ),
    (
        "licence-c",
        QualificationCategory::DrivingLicence,
        "Giấy phép lái xe hạng C",
        "Driving licence C",
        Some(60),
    ),
    (
        "firearms",
        QualificationCategory::Firearms,
        "Chứng chỉ sử dụng vũ khí",
        "Firearms certificate",
        Some(24),
    ),
    (
        "first-aid",
        QualificationCategory::FirstAid,
        "Sơ cấp cứu",
        "First aid",
        Some(36),
    ),
    (
        "medical-licence",
        QualificationCategory::Professional,
        "Chứng chỉ hành nghề y",
        "Medical practice licence",
        Some(60),
    ),
];

pub(crate) const SETTINGS_KEY: &str = "eligibility";

/// The catalogues and settings that most pages read (a request's page reads the
/// specialties, the qualification kinds and the eligibility settings to name and check
/// what it shows), remembered until the next commit: small, read all the time, changed
/// rarely. See [`crate::remembered`] for how long another process's change may go unseen.
#[derive(Debug, Default)]
pub(crate) struct RememberedCatalogues {
    specialties: Remembered<(), Vec<Specialty>>,
    qualification_kinds: Remembered<(), Vec<QualificationKind>>,
    /// Each setting's stored JSON, `None` when absent.
    settings: Remembered<String, Option<String>>,
}

pub(crate) const WEIGHTS_KEY: &str = "suitability";

impl Store {
    pub async fn specialties(&self) -> Result<Vec<Specialty>> {
        let read = async {
            Ok(on_pool!(&self.db, pool => {
                sqlx::query_as("select id, code, name_vi, name_en from specialty order by code")
                    .fetch_all(pool).await
            })?)
        };
        self.catalogues
            .specialties
            .get_or_read((), &self.written, read)
            .await
    }

    /// The qualification catalogue as code → id, for files and generators that name kinds
    /// by code.
    pub async fn qualification_kind_ids(&self) -> Result<std::collections::HashMap<String, i64>> {
        Ok(self
            .qualification_kinds()
            .await?
            .into_iter()
            .map(|kind| (kind.code, kind.id))
            .collect())
    }

    pub async fn qualification_kinds(&self) -> Result<Vec<QualificationKind>> {
        let read = async {
            Ok(on_pool!(&self.db, pool => {
                sqlx::query_as(
                    "select id, code, category, name_vi, name_en, validity_months from qualification_kind order by code",
                )
                .fetch_all(pool).await
            })?)
        };
        self.catalogues
            .qualification_kinds
            .get_or_read((), &self.written, read)
            .await
    }

    /// Fills empty catalogues with the seeded specialties and qualification kinds.
    pub async fn seed_catalogues(&self) -> Result<()> {
        if self.count("specialty").await? > 0 {
            return Ok(());
        }
        let mut tx = self.begin_write(Actor::SYSTEM).await?;
        for (code, name_vi, name_en) in SEED_SPECIALTIES {
            tx.create_specialty(code, name_vi, name_en).await?;
        }
        for (code, category, name_vi, name_en, months) in SEED_QUALIFICATIONS {
            tx.create_qualification_kind(code, *category, name_vi, name_en, *months)
                .await?;
        }
        tx.commit().await
    }

    pub async fn eligibility_settings(&self) -> Result<EligibilitySettings> {
        self.setting(SETTINGS_KEY).await
    }

    /// The suitability weights the planner scores with (the defaults until changed).
    pub async fn suitability_weights(&self) -> Result<Weights> {
        self.setting(WEIGHTS_KEY).await
    }

    /// A setting stored as JSON under `key`; its default when absent or unreadable.
    pub(crate) async fn setting<T: serde::de::DeserializeOwned + Default>(
        &self,
        key: &str,
    ) -> Result<T> {
        let read = async {
            Ok(on_pool!(&self.db, pool => {
                sqlx::query_scalar("select value from setting where key = $1")
                    .bind(key).fetch_optional(pool).await
            })?)
        };
        let stored = self
            .catalogues
            .settings
            .get_or_read(key.to_owned(), &self.written, read)
            .await?;
        Ok(stored
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }
}

impl WriteTx {
    pub async fn create_specialty(
        &mut self,
        code: &str,
        name_vi: &str,
        name_en: &str,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into specialty (code, name_vi, name_en, created_at, updated_at) values ($1, $2, $3, $4, $4) returning id",
            )
            .bind(code).bind(name_vi).bind(name_en).bind(at).fetch_one(conn).await
        })?;
        let after = serde_json::json!({ "code": code, "name_vi": name_vi, "name_en": name_en });
        self.audit_insert("specialty", id, &after).await?;
        Ok(id)
    }

    pub async fn create_qualification_kind(
        &mut self,
        code: &str,
        category: QualificationCategory,
        name_vi: &str,
        name_en: &str,
        validity_months: Option<i64>,
    ) -> Result<i64> {
        let at = now();
        let id: i64 = on_tx!(&mut self.tx, conn => {
            sqlx::query_scalar(
                "insert into qualification_kind (code, category, name_vi, name_en, validity_months, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $6) returning id",
            )
            .bind(code).bind(category.as_str()).bind(name_vi).bind(name_en).bind(validity_months).bind(at)
            .fetch_one(conn).await
        })?;
        let after = serde_json::json!({
            "code": code, "category": category.as_str(), "name_vi": name_vi, "name_en": name_en,
            "validity_months": validity_months,
        });
        self.audit_insert("qualification_kind", id, &after).await?;
        Ok(id)
    }

    /// Renames a specialty; its code, which files refer to, stays.
    pub async fn update_specialty(&mut self, draft: &SpecialtyDraft) -> Result<Specialty> {
        let before: Specialty = on_tx!(&mut self.tx, conn => {
            sqlx::query_as("select id, code, name_vi, name_en from specialty where code = $1")
                .bind(&draft.code).fetch_one(conn).await
        })?;
        let after: Specialty = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "update specialty set name_vi = $2, name_en = $3, updated_at = $4 where code = $1 \
                 returning id, code, name_vi, name_en",
            )
            .bind(&draft.code).bind(&draft.name_vi).bind(&draft.name_en).bind(now())
            .fetch_one(conn).await
        })?;
        self.audit(
            AuditAction::Update,
            "specialty",
            Some(after.id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    /// Changes a qualification kind's names, category and validity (for qualifications
    /// recorded from now on; recorded expiry dates stay as they were issued).
    pub async fn update_qualification_kind(
        &mut self,
        draft: &QualificationKindDraft,
    ) -> Result<QualificationKind> {
        let columns = "id, code, category, name_vi, name_en, validity_months";
        let select = format!("select {columns} from qualification_kind where code = $1");
        let before: QualificationKind = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(&select).bind(&draft.code).fetch_one(conn).await
        })?;
        let update = format!(
            "update qualification_kind set category = $2, name_vi = $3, name_en = $4, validity_months = $5, \
             updated_at = $6 where code = $1 returning {columns}"
        );
        let after: QualificationKind = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(&update)
                .bind(&draft.code).bind(draft.category.as_str()).bind(&draft.name_vi)
                .bind(&draft.name_en).bind(draft.validity_months).bind(now())
                .fetch_one(conn).await
        })?;
        self.audit(
            AuditAction::Update,
            "qualification_kind",
            Some(after.id.to_string()),
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    pub async fn set_eligibility_settings(&mut self, settings: &EligibilitySettings) -> Result<()> {
        self.set_setting(SETTINGS_KEY, settings).await
    }

    pub async fn set_suitability_weights(&mut self, weights: &Weights) -> Result<()> {
        self.set_setting(WEIGHTS_KEY, weights).await
    }

    /// Stores a setting as JSON under `key`, audited with its new value.
    pub(crate) async fn set_setting<T: serde::Serialize>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<()> {
        let json = serde_json::to_string(value)
            .map_err(|error| StoreError::Database(sqlx::Error::Decode(Box::new(error))))?;
        on_tx!(&mut self.tx, conn => {
            sqlx::query(
                "insert into setting (key, value, updated_at) values ($1, $2, $3) \
                 on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at",
            )
            .bind(key).bind(&json).bind(now())
            .execute(conn).await.map(|done| done.rows_affected())
        })?;
        self.audit(
            AuditAction::Update,
            "setting",
            Some(key.to_owned()),
            None::<&()>,
            Some(value),
        )
        .await
    }
}
