# Bluehelm: mọi văn bản giao diện bằng tiếng Việt (Fluent). Khoá "a.b" trong mã là mã "a-b" ở đây.

## agencies

agencies-caption = Cây cơ quan
agencies-new = Thêm cơ quan
agencies-title = Cơ quan

## agency

agency-code = Mã
agency-delete_help = Chỉ xóa được cơ quan không còn đơn vị trực thuộc và người dùng.
agency-delete_title = Xóa cơ quan
agency-kind = Loại
agency-name = Tên
agency-name_en = Tên tiếng Anh
agency-name_vi = Tên tiếng Việt
agency-no_parent = — Không (cấp bộ, cơ quan nhà nước) —
agency-parent = Cơ quan cấp trên
agency-confirm_delete = Tôi xác nhận xóa cơ quan này: không thể hoàn tác

## audit

audit-action = Hành động
audit-actor = Người thực hiện
audit-after = Sau:
audit-at = Thời điểm (giờ Việt Nam)
audit-before = Trước:
audit-caption = Các sự kiện, mới nhất trước
audit-any = Tất cả
audit-change = Thay đổi
audit-entity = Đối tượng
audit-entity_id = Mã đối tượng
audit-from = Từ ngày
audit-system = hệ thống
audit-title = Nhật ký kiểm toán
audit-to = Đến ngày
audit-withheld = Nội dung được ẩn: vai trò của bạn không được xem loại hồ sơ này.

## catalogues

catalogues-category = Nhóm
catalogues-code = Mã
catalogues-max_age = Tuổi tối đa
catalogues-medical_through_end = Kết luận sức khỏe phải còn hạn đến hết nhiệm kỳ
catalogues-min_age = Tuổi tối thiểu
catalogues-name_en = Tên tiếng Anh
catalogues-name_vi = Tên tiếng Việt
catalogues-passport_months = Số tháng hộ chiếu còn hạn sau khi kết thúc nhiệm kỳ
catalogues-personnel_type = Loại lực lượng
catalogues-rest_months = Số tháng nghỉ tối thiểu sau khi về nước
catalogues-save_hint = Mã mới thì thêm mục mới; mã đã có thì sửa mục đó.
catalogues-settings = Quy định xét chọn
catalogues-title = Danh mục và quy định xét chọn
catalogues-validity_months = Hiệu lực (tháng)
catalogues-weights = Trọng số phù hợp
catalogues-weights_help = Điểm bộ lập kế hoạch cho người đủ điều kiện; mỗi phương án giải thích điểm theo các trọng số này.

## category

category-civilian = Lực lượng dân sự
category-mnd_armed = Lực lượng vũ trang Bộ Quốc phòng
category-mps_armed = Lực lượng vũ trang Bộ Công an

## decision

decision-adjust = Điều chỉnh
decision-extend = Gia hạn nhiệm kỳ
decision-send = Cử mới
decision-withdraw = Rút lực lượng

## deployment

deployment-appointment = Chức danh
deployment-arrived_on = Ngày đến phái bộ
deployment-departed_on = Ngày xuất phát
deployment-move = Chuyển trạng thái
deployment-plan = Lập kế hoạch triển khai
deployment-planned = Thời gian dự kiến
deployment-planned_departure = Ngày xuất phát dự kiến
deployment-planned_end = Ngày kết thúc nhiệm kỳ
deployment-reason = Lý do
deployment-returned_on = Ngày về nước
deployment-save = Lưu
deployment-status = Trạng thái
deployment-un_index = Số hiệu LHQ

## deployment_status

deployment_status-approved = Đã phê duyệt
deployment_status-deployed = Đang triển khai
deployment_status-extended = Gia hạn
deployment_status-planned = Dự kiến
deployment_status-pre_deployment = Chuẩn bị triển khai
deployment_status-returned = Đã về nước
deployment_status-withdrawn = Rút về

## deployments

deployments-none = Chưa có đợt triển khai nào.
deployments-title = Triển khai

## document

document-diplomatic_passport = Hộ chiếu ngoại giao
document-expires_on = Ngày hết hạn
document-issued_on = Ngày cấp
document-kind = Loại
document-national_id = Căn cước công dân
document-number = Số
document-official_passport = Hộ chiếu công vụ
document-passport = Hộ chiếu phổ thông
document-visa = Thị thực

## dossier

dossier-approve = Chấp thuận
dossier-attach = Đính kèm
dossier-basis = Căn cứ pháp lý
dossier-category = Lực lượng
dossier-comment = Ý kiến
dossier-dated = Ngày
dossier-decision = Loại quyết định
dossier-document_kind = Loại văn bản
dossier-documents = Văn bản kèm theo
dossier-file = Tệp
dossier-history = Lịch sử xử lý
dossier-needs = Cần:
dossier-no_documents = Chưa có văn bản nào.
dossier-no_people = Hồ sơ chưa gồm cá nhân nào.
dossier-open = Lập hồ sơ
dossier-people = Cá nhân trong hồ sơ
dossier-reject = Không chấp thuận
dossier-return = Trả lại
dossier-status = Trạng thái
dossier-step = Bước
dossier-steps = Các bước thủ tục
dossier-title_field = Tên hồ sơ
dossier-confirm_reject = Tôi xác nhận từ chối: hồ sơ sẽ dừng và không thể tiếp tục

## dossier_status

dossier_status-approved = Đã phê duyệt
dossier_status-in_progress = Đang xử lý
dossier_status-rejected = Không được phê duyệt

## dossiers

dossiers-all = Tất cả hồ sơ
dossiers-longest = Chờ lâu nhất
dossiers-none = Chưa có hồ sơ nào.
dossiers-nothing_waits = Không có hồ sơ nào đang chờ.
dossiers-open_hint = Hồ sơ được lập từ yêu cầu của Liên hợp quốc:
dossiers-overdue = Quá hạn
dossiers-title = Hồ sơ cử lực lượng
dossiers-waited = Đã chờ / thời hạn
dossiers-waiting = Hồ sơ đang chờ ở đâu
dossiers-waiting_count = Đang chờ

## enrolment

enrolment-enrolled = Đang học
enrolment-failed = Không đạt
enrolment-passed = Đạt
enrolment-withdrawn = Rút tên

## error

error-bad_request = Yêu cầu không hợp lệ
error-csrf = Biểu mẫu đã hết hạn
error-forbidden = Không có quyền
error-internal = Lỗi hệ thống
error-invalid = Dữ liệu không hợp lệ
error-not_found = Không tìm thấy
error-forbidden_who = Vai trò của bạn không được làm việc này. Người được phép: { $roles }.
error-csrf_detail = Biểu mẫu đã hết hạn; hãy tải lại trang rồi thử lại.
error-internal_detail = Đã xảy ra lỗi hệ thống; sự việc đã được ghi lại để xử lý.
error-not_found_detail = Không tìm thấy nội dung này: có thể địa chỉ không đúng hoặc bản ghi không còn.
error-too_large_detail = Nội dung gửi lên lớn hơn mức máy chủ cho phép.
error-unauthenticated_detail = Bạn chưa đăng nhập, hoặc phiên làm việc đã hết hạn.
error-forbidden_nobody = Không vai trò nào được làm việc này.

## expiries

expiries-caption = Hồ sơ sắp hết hạn, gần nhất trước
expiries-days = ngày
expiries-days_ahead = Số ngày tới
expiries-expires_on = Ngày hết hạn
expiries-none = Không có gì hết hạn trong khoảng này.
expiries-record = Loại
expiries-show = Xem
expiries-title = Giấy tờ và chứng chỉ sắp hết hạn
expiries-within = Hết hạn trong vòng

## expiry

expiry-expired = Đã hết hạn
expiry-in_days = Còn số ngày:

## files

files-clean = Tệp hợp lệ (chỉ kiểm tra, chưa ghi), số dòng:
files-column = Cột
files-dry_run = Chỉ kiểm tra, không ghi
files-duplicates = Có thể trùng người (cùng họ tên và ngày sinh), dòng:
files-export = Xuất tệp
files-faults = Số lỗi:
files-file = Tệp CSV hoặc XLSX
files-import = Nhập tệp
files-kind = Loại dữ liệu
files-kind-documents = Giấy tờ tùy thân
files-kind-languages = Chứng chỉ ngoại ngữ
files-kind-people = Nhân sự
files-kind-qualifications = Chứng chỉ
files-line = Dòng
files-nothing_written = chưa ghi gì
files-reason = Lý do
files-title = Nhập và xuất tệp
files-upload = Tải lên
files-written = Đã ghi toàn bộ tệp, số dòng:

## footer

footer-text = Bluehelm — hệ thống quản lý tham gia lực lượng gìn giữ hòa bình Liên hợp quốc.

## form

form-any = Tất cả
form-create = Tạo mới
form-delete = Xóa
form-filter = Lọc
form-fix_errors = Vui lòng sửa các trường được đánh dấu.
form-save = Lưu
form-saved = Đã lưu.
form-search = Tìm

## gender

gender-female = Nữ
gender-male = Nam

## home

home-agencies = Số cơ quan trong hệ thống
home-agency = Cơ quan
home-roles = Vai trò
home-my_work = Việc của tôi
home-my_steps = Bước hồ sơ chờ tôi quyết định
home-no_steps = Không có bước hồ sơ nào chờ bạn.
home-waiting_days = đã chờ (ngày):
home-overdue_days = quá hạn (ngày):
home-expiring_soon = Giấy tờ, chứng chỉ hết hạn trong
home-title = Trang chủ
home-unread_notices = Thông báo chưa đọc:
home-username = Tên đăng nhập
home-welcome = Xin chào

## incident

incident-add = Ghi nhận
incident-follow_up = Theo dõi, xử lý
incident-health_hidden = Chi tiết sức khỏe chỉ dành cho cán bộ quân y.
incident-kind = Loại
incident-none = Không có sự việc nào.
incident-occurred_on = Ngày xảy ra
incident-summary = Tóm tắt
incident-title = Sự việc trong nhiệm kỳ
incident-dated = Ngày
incident-note = Nội dung theo dõi, xử lý
incident-closes = Sự việc đã xử lý xong: kết thúc theo dõi
incident-record_follow_up = Ghi nhận theo dõi
incident-closed_on = Kết thúc theo dõi ngày { $date }
incident-open = Đang theo dõi
incident-follow_up_of = Theo dõi sự việc ngày { $date }

## incident_kind

incident_kind-death = Hy sinh, tử vong
incident_kind-discipline = Kỷ luật
incident_kind-illness = Ốm đau
incident_kind-injury = Bị thương

## kind

kind-department = Cục, vụ, phòng
kind-ministry = Bộ
kind-state_body = Cơ quan nhà nước
kind-unit = Đơn vị

## lang

lang-switch = English

## language

language-language = Ngôn ngữ
language-level = Trình độ (CEFR)
language-score = Điểm
language-test = Bài thi
language-tested_on = Ngày thi
language-valid_until = Hiệu lực đến

## login

login-bad_credentials = Sai tên đăng nhập hoặc mật khẩu.
login-disabled = Tài khoản này đã bị vô hiệu hóa; hãy liên hệ quản trị viên.
login-locked = Đăng nhập sai quá nhiều lần với tên này từ thiết bị này; tên đăng nhập bị khóa đến
login-password = Mật khẩu
login-submit = Đăng nhập
login-throttled = Quá nhiều lần thử từ địa chỉ này; hãy thử lại sau một phút.
login-title = Đăng nhập
login-username = Tên đăng nhập

## medical

medical-examined_on = Ngày khám
medical-restrictions = Hạn chế
medical-status = Kết luận
medical-valid_until = Hiệu lực đến

## message

message-agency_code_taken = mã này đã được một cơ quan khác sử dụng
message-agency_not_found = không có cơ quan nào mang mã số này
message-agency_out_of_scope = đơn vị này nằm ngoài phạm vi bạn được xem
message-not_eligible = chưa đủ điều kiện; điều phối viên có thể phê duyệt kèm lý do bằng văn bản
message-own_admin_role = bạn không thể tự bỏ vai trò quản trị của mình hoặc tự khóa tài khoản của mình
message-username_taken = tên đăng nhập này đã có tài khoản khác dùng
message-plan_no_such_position = yêu cầu này không có vị trí đó
message-plan_not_in_pool = không thuộc nguồn xét chọn bạn được xem
message-plan_too_many_pins = số người được chốt nhiều hơn số vị trí
message-plan_same_person = một cặp phải gồm hai người khác nhau
message-plan_pinned_not_eligible = chưa đủ điều kiện nên không thể chốt vào vị trí đó
message-plan_pinned_and_forbidden = vừa được chốt vừa bị loại
message-plan_pinned_twice = được chốt vào hai vị trí
message-plan_cannot_be_met = không phương án nào đáp ứng được điều kiện này
message-plan_not_found_in_time = chưa tìm được phương án đáp ứng giới hạn trong thời gian tìm kiếm cho phép
message-unknown_specialty = chuyên môn này không có trong danh mục
message-unknown_mission = phái bộ này không có trong danh sách phái bộ
message-unknown_qualification = loại văn bằng, chứng chỉ này không có trong danh mục
message-unknown_language = ngôn ngữ này không có trong danh sách
message-confirm_reject = hãy đánh dấu ô xác nhận trước khi từ chối hồ sơ
message-confirm_delete = hãy đánh dấu ô xác nhận trước khi xóa

## mission

mission-days = ngày
mission-ended = Nhiệm vụ đã hết hạn ngày
mission-expiring = Sắp hết hạn nhiệm vụ:
mission-open_ended = Không thời hạn
mission-until = Đến

## missions

missions-add_resolution = Thêm nghị quyết
missions-adopted = Ngày thông qua
missions-caption = Các phái bộ và nhiệm vụ
missions-ceilings = Quân số tối đa
missions-closed = Đã kết thúc
missions-code = Phái bộ
missions-deployed = Đang triển khai
missions-deployed_now = Đang triển khai theo phái bộ, loại và giới tính
missions-establishes = thành lập
missions-host = Địa bàn
missions-mandate = Nhiệm vụ
missions-mandate_end = Hết hạn nhiệm vụ
missions-map = Bản đồ lực lượng đang triển khai
missions-map_caption = Phái bộ có lực lượng Việt Nam:
missions-name = Tên
missions-nobody = Hiện không có ai đang triển khai.
missions-people = Số người
missions-police = cảnh sát
missions-resolution = Nghị quyết
missions-resolutions = Nghị quyết của Hội đồng Bảo an
missions-started = Bắt đầu
missions-title = Phái bộ
missions-troops = quân
missions-votes = Thuận–chống–trắng
missions-warnings = Nhiệm vụ cần gia hạn

## nav

nav-agencies = Cơ quan
nav-audit = Nhật ký kiểm toán
nav-catalogues = Danh mục
nav-deployments = Triển khai
nav-dossiers = Hồ sơ
nav-expiries = Thông báo, hết hạn
nav-home = Trang chủ
nav-menu = Danh mục
nav-label = Điều hướng chính
nav-logout = Đăng xuất
nav-missions = Phái bộ
nav-people = Quân nhân, cán bộ
nav-requests = Yêu cầu LHQ
nav-skip = Chuyển đến nội dung chính
nav-training = Huấn luyện
nav-units = Đơn vị
nav-users = Người dùng

## notice

notice-expires_on = hết hạn ngày
notice-legal_ended = Văn bản { $number } hết hiệu lực từ ngày { $on } — còn { $days } ngày. Xem các thủ tục và quyết định viện dẫn văn bản này.
notice-legal_replaced = Văn bản { $number } được thay thế từ ngày { $on } — còn { $days } ngày. Xem các thủ tục và quyết định viện dẫn văn bản này.
notice-legal_subject = Văn bản pháp luật sắp hết hiệu lực
notice-record-document = Giấy tờ tùy thân
notice-record-language = Chứng chỉ ngoại ngữ
notice-record-medical = Kết luận sức khỏe
notice-record-qualification = Chứng chỉ
notice-subject = Sắp hết hạn

## notices

notices-day_notice = ngày báo trước
notices-none = Không có thông báo.
notices-read_all = Đánh dấu tất cả đã đọc
notices-title = Thông báo của tôi
notices-unread = chưa đọc

## pager

pager-label = Phân trang
pager-next = Trang sau
pager-previous = Trang trước

## people

people-caption = Danh sách nhân sự
people-files = Nhập / xuất tệp
people-language = Ngoại ngữ
people-level_at_least = Trình độ tối thiểu
people-new = Thêm người
people-search = Tìm theo họ tên (không cần dấu)
people-title = Nguồn nhân lực

## person

person-add_document = Thêm giấy tờ
person-add_language = Thêm kết quả ngoại ngữ
person-agency = Cơ quan, đơn vị
person-birth_date = Ngày sinh
person-documents = Giấy tờ tùy thân
person-duplicates = Có thể trùng với người đã có (cùng họ tên và ngày sinh):
person-duplicates_elsewhere = Cơ quan khác còn { $count } hồ sơ cùng họ tên và ngày sinh; hãy liên hệ Cục Gìn giữ hòa bình Việt Nam để đối chiếu.
person-expiring_warning = Có giấy tờ, chứng chỉ đã hết hạn hoặc sắp hết hạn
person-family_name = Họ
person-gender = Giới tính
person-given_name = Tên
person-languages = Ngoại ngữ
person-medical = Sức khỏe
person-middle_name = Tên đệm
person-name = Họ và tên
person-no_rank = Không có cấp bậc (dân sự)
person-phone = Điện thoại
person-preferences = Phái bộ đăng ký tham gia
person-preferences_help = Tối đa ba phái bộ người này đăng ký tham gia; bộ lập kế hoạch cộng điểm cho nhiệm kỳ tại các phái bộ đó.
person-preferences_none = Chưa đăng ký phái bộ nào.
person-qualifications = Văn bằng, chứng chỉ
person-rank = Cấp bậc
person-service = Lực lượng
person-service_number = Số hiệu
person-specialties = Chuyên môn
person-specialty = Chuyên môn
person-status = Trạng thái
person-training = Huấn luyện

## personnel

personnel-civilian = Dân sự
personnel-formed_unit = Đơn vị
personnel-individual_police = Cảnh sát cá nhân
personnel-military_observer = Quan sát viên quân sự
personnel-staff_officer = Sĩ quan tham mưu

## personnel_type

personnel_type-civilian = Dân sự
personnel_type-formed_unit = Đơn vị
personnel_type-individual_police = Cảnh sát cá nhân
personnel_type-military_observer = Quan sát viên quân sự
personnel_type-staff_officer = Sĩ quan tham mưu

## plan

plan-accept = Chấp nhận và đề cử
plan-accept_unit = Lập kế hoạch triển khai cho những người này
plan-apart = Không cùng đi (nhiều nhất một người)
plan-bound = không phương án nào vượt quá
plan-dossier = Hồ sơ
plan-filled = Vị trí đã bố trí
plan-forbid = Loại
plan-max_per_agency = Tối đa mỗi cơ quan
plan-min_women = Số nữ tối thiểu
plan-needs_dossier = Mở hồ sơ cử lực lượng cho đơn vị này để lập kế hoạch triển khai cho những người này.
plan-pairs = cặp đủ điều kiện
plan-pairs_help = Chọn hai người trong phương án hoặc danh sách dự phòng rồi bấm Giải lại; các cặp đã chọn được giữ.
plan-pin = Chốt
plan-pinned = đã chốt
plan-pool = Nguồn xét chọn
plan-propose = Đề xuất phương án tối ưu
plan-runners_up = Người chưa được chọn
plan-score = Điểm phù hợp
plan-solve_again = Giải lại
plan-status = Chứng minh
plan-status-gap = phương án tốt nhất tìm được, chưa chứng minh tối ưu
plan-status-optimal = tối ưu đã được chứng minh
plan-title = Phương án đề cử
plan-together = Cùng đi (cả hai hoặc không ai)
plan-unfilled = Chưa có người đủ điều kiện
plan-why = Vì sao

## qualification

qualification-expires_on = Ngày hết hạn
qualification-issued_on = Ngày cấp
qualification-kind = Văn bằng, chứng chỉ
qualification-reference = Số hiệu

## readiness

readiness-level_1 = Mức 1
readiness-level_2 = Mức 2
readiness-level_3 = Mức 3
readiness-rapid_deployment = Triển khai nhanh

## request

request-count = Số lượng
request-deadline = Hạn đề cử
request-eligible = Đủ điều kiện
request-language = Ngoại ngữ
request-min_level = Trình độ tối thiểu
request-months = tháng
request-no_nominations = Chưa có đề cử.
request-nominate = Đề cử
request-note = Ghi chú
request-personnel_type = Loại lực lượng
request-position = Vị trí
request-posts = Đề cử / vị trí
request-received = Ngày nhận
request-reference = Số công hàm
request-specialty = Chuyên môn
request-status = Trạng thái
request-tour_months = Thời hạn (tháng)
request-tour_start = Bắt đầu nhiệm kỳ
request-verdict = Điều kiện

## request_status

request_status-answered = Đã trả lời
request_status-closed = Đã đóng
request_status-declined = Từ chối
request_status-nominated = Đã đề cử
request_status-received = Đã nhận
request_status-selected = LHQ đã chọn

## requests

requests-create = Ghi nhận yêu cầu
requests-new = Yêu cầu mới của Liên hợp quốc
requests-none = Chưa có yêu cầu nào.
requests-title = Yêu cầu của Liên hợp quốc

## resolution

resolution-adopted_on = Ngày thông qua
resolution-mandate_ends_on = Nhiệm vụ đến ngày
resolution-note = Ghi chú
resolution-number = Số nghị quyết, ví dụ 2779 (2025)
resolution-police_ceiling = Cảnh sát tối đa
resolution-troop_ceiling = Quân số tối đa
resolution-votes_abstaining = Phiếu trắng
resolution-votes_against = Phiếu chống
resolution-votes_for = Phiếu thuận

## role

role-admin = Quản trị hệ thống
role-agency_officer = Cán bộ cơ quan
role-approver = Người phê duyệt
role-auditor = Kiểm toán, pháp chế
role-coordinator = Điều phối viên
role-finance = Tài chính
role-inspector = Thanh tra, kiểm tra
role-medical = Quân y, y tế
role-viewer = Người xem

## service

service-air_force = Phòng không - Không quân
service-army = Lục quân
service-border_guard = Bộ đội Biên phòng
service-civilian = Dân sự
service-navy = Hải quân
service-police = Công an

## status

status-available = Sẵn sàng
status-deployed = Đang triển khai
status-in_training = Đang huấn luyện
status-nominated = Đã đề cử
status-retired = Đã nghỉ
status-unavailable = Không sẵn sàng

## step_status

step_status-active = Đang xử lý
step_status-approved = Đã chấp thuận
step_status-rejected = Không chấp thuận
step_status-waiting = Chờ

## training

training-all = Tất cả các khóa
training-awards = Chứng chỉ cấp khi đạt
training-capacity = Số chỗ
training-course = Khóa học
training-create = Tạo khóa học
training-edit = Sửa khóa học
training-back = Quay lại khóa học
training-dates = Thời gian
training-ends_on = Ngày kết thúc
training-enrol = Ghi danh học viên
training-enrolments = Học viên
training-new = Mở khóa huấn luyện mới
training-no_courses = Chưa có khóa huấn luyện nào.
training-no_enrolments = Chưa có học viên.
training-none = Chưa tham gia khóa huấn luyện nào.
training-place = Địa điểm
training-provider = Đơn vị tổ chức
training-record_result = Ghi kết quả
training-result_on = Ngày có kết quả
training-save = Lưu
training-score = Điểm
training-seats = Chỗ đã đăng ký
training-starts_on = Ngày bắt đầu
training-status = Kết quả
training-title = Khóa huấn luyện
training-title_field = Tên khóa học
training-upcoming = Khóa sắp tới và đang diễn ra

## unit_kind

unit_kind-engineering = Công binh
unit_kind-field_hospital = Bệnh viện dã chiến
unit_kind-formed_police = Cảnh sát
unit_kind-infantry = Bộ binh
unit_kind-other = Khác

## units

units-add_position = Thêm vị trí
units-create = Tạo đơn vị
units-deploys_on = Ngày triển khai
units-evidence = Căn cứ (báo cáo đoàn đánh giá)
units-kind = Loại đơn vị
units-members = Thành viên
units-name = Tên đơn vị
units-new = Đơn vị mới
units-next_departs = Luân phiên kế tiếp xuất phát
units-no_positions = Chưa có biên chế.
units-no_readiness = Chưa có mức sẵn sàng.
units-none = Chưa có đơn vị nào.
units-organisation = Biên chế
units-overlap_days = Số ngày bàn giao
units-pipeline = Đã bố trí / biên chế
units-propose_plan = Đề xuất phương án cho đợt luân phiên tới
units-readiness = Mức sẵn sàng (PCRS)
units-readiness_history = Lịch sử mức sẵn sàng
units-record = Ghi nhận
units-rotation = Luân phiên số
units-title = Đơn vị
units-tour_ends = Kết thúc nhiệm kỳ
units-tour_months = Nhiệm kỳ (tháng)
units-unit = Đơn vị
units-edit = Sửa thông tin đơn vị
units-back = Quay lại đơn vị
units-edit_position = Sửa vị trí
units-remove_position = Bỏ vị trí
units-confirm_line_removal = Tôi xác nhận bỏ vị trí này khỏi biên chế
units-asks = Yêu cầu đối với người đảm nhận
message-confirm_line_removal = hãy đánh dấu ô xác nhận để bỏ vị trí này khỏi biên chế
audit_field-name = Tên
audit_field-rotation = Luân phiên số
audit_field-overlap_days = Số ngày bàn giao
audit_field-deploys_on = Ngày triển khai
audit_field-specialty = Chuyên môn
audit_field-min_level = Trình độ ngoại ngữ tối thiểu
audit_field-min_rank = Cấp bậc thấp nhất
audit_field-max_rank = Cấp bậc cao nhất
audit_field-qualification = Chứng chỉ yêu cầu
audit_field-evidence = Căn cứ

## user

user-active = Đang hoạt động
user-agency = Cơ quan
user-disabled = Vô hiệu hóa
user-display_name = Họ và tên
user-email = Thư điện tử
user-password = Mật khẩu (ít nhất 12 ký tự)
user-roles = Vai trò
user-set_password = Đặt mật khẩu mới
user-status = Trạng thái
user-username = Tên đăng nhập

## users

users-caption = Tài khoản người dùng
users-new = Thêm người dùng
users-search = Tìm theo tên hoặc thư điện tử
users-title = Người dùng

## weights

weights-experience_max_tours = Số nhiệm kỳ tính tối đa
weights-experience_per_tour = Điểm cho mỗi nhiệm kỳ đã hoàn thành
weights-language_per_level = Mỗi bậc ngoại ngữ trên mức yêu cầu
weights-preference = Điểm cho phái bộ người đó đăng ký
weights-rank_fit = Điểm khi đúng cấp bậc yêu cầu
weights-rank_step_loss = Điểm trừ cho mỗi bậc chênh lệch
weights-rest_max_months = Số tháng ở nhà tính tối đa
weights-rest_per_three_months = Mỗi 3 tháng ở nhà kể từ nhiệm kỳ trước
weights-specialty = Đúng chuyên môn yêu cầu
weights-training_each = Mỗi khóa học LHQ còn hiệu lực
weights-training_max_count = Số khóa học LHQ tính tối đa

## eligibility: vì sao một người chưa thể nhận một vị trí

eligibility-status = trạng thái hiện tại: { $status }
eligibility-service = thuộc { $service }; vị trí cần { $wanted }
eligibility-rank_none = chưa có cấp bậc; vị trí yêu cầu cấp bậc
eligibility-rank_below = bậc { $grade } thấp hơn bậc thấp nhất được nhận ({ $lowest })
eligibility-rank_above = bậc { $grade } cao hơn bậc cao nhất được nhận ({ $highest })
eligibility-specialty = không có chuyên môn nào trong số yêu cầu: { $wanted }
eligibility-gender = vị trí dành cho: { $gender }
eligibility-age = sẽ { $age } tuổi khi nhiệm kỳ bắt đầu ngày { $start }; vị trí { $personnel } nhận độ tuổi từ { $min } đến { $max }
eligibility-language_below = trình độ { $language } { $level } thấp hơn mức yêu cầu { $required }
eligibility-language_missing = không có kết quả thi { $language } còn hiệu lực ngày { $start } (yêu cầu trình độ { $required })
eligibility-qualification_missing = chưa có { $qualification }
eligibility-qualification_expires = { $qualification } hết hạn ngày { $expiry }, { $gap } { $gap_unit ->
        [months] tháng
       *[days] ngày
    } trước khi nhiệm kỳ kết thúc
eligibility-passport_none = chưa có hộ chiếu trong hồ sơ
eligibility-passport_before_end = hộ chiếu hết hạn ngày { $expiry }, { $gap } { $gap_unit ->
        [months] tháng
       *[days] ngày
    } trước khi nhiệm kỳ kết thúc
eligibility-passport_short = hộ chiếu hết hạn ngày { $expiry }, chỉ { $gap } { $gap_unit ->
        [months] tháng
       *[days] ngày
    } sau khi nhiệm kỳ kết thúc; cần { $months } tháng
eligibility-medical_none = chưa có kết quả khám sức khỏe trong hồ sơ
eligibility-medical_not_cleared = chưa đủ điều kiện sức khỏe để triển khai
eligibility-medical_ends = kết luận sức khỏe hết hiệu lực ngày { $until }, trước ngày { $needed }
eligibility-rest = về nước ngày { $returned }; { $months } tháng nghỉ ngơi kết thúc ngày { $rested }, sau khi nhiệm kỳ bắt đầu

## tên ngôn ngữ

language_name-ar = tiếng Ả Rập
language_name-en = tiếng Anh
language_name-es = tiếng Tây Ban Nha
language_name-fr = tiếng Pháp
language_name-pt = tiếng Bồ Đào Nha
language_name-ru = tiếng Nga
language_name-zh = tiếng Trung

## từ nối các giá trị

word-or_between = { " hoặc " }

## điểm phù hợp: vì sao một người được cộng điểm

criterion-experience = Kinh nghiệm
criterion-language = Ngoại ngữ
criterion-preference = Nguyện vọng
criterion-rank = Cấp bậc
criterion-rest = Thời gian nghỉ
criterion-specialty = Chuyên môn
criterion-training = Huấn luyện LHQ
score-specialty = đúng chuyên môn yêu cầu: { $specialty }
score-training = khóa học LHQ: { $courses }
score-language = { $language } { $level } (trên mức { $floor } { $above } bậc)
score-home_since = ở nhà từ ngày { $returned }
score-never_deployed = chưa từng triển khai
score-experience = đã hoàn thành { $tours } nhiệm kỳ
score-rank_asked = đúng cấp bậc yêu cầu
score-rank_steps = chênh { $steps } bậc so với cấp bậc yêu cầu
score-preference = đã đăng ký phục vụ tại { $mission }

## vì sao một người chưa được chọn

plan-reason_forbidden = bị loại khỏi phương án
plan-reason_points_below = thấp hơn { $points } điểm so với người thấp điểm nhất được chọn cho vị trí này ({ $lowest })
plan-reason_tied = phù hợp như những người được chọn, nhưng phương án cần họ ở vị trí khác hoặc bằng điểm theo thứ tự
plan-reason_unfilled = không vị trí nào của chức danh này được bố trí

## vì sao không lập được phương án

plan-person = người mã số { $person }
plan-person_for_position = người mã số { $person } cho vị trí "{ $position }"
plan-fault_quota = cần ít nhất { $needed } nữ, nhưng tối đa chỉ { $most } nữ đủ điều kiện nhận các vị trí này
plan-fault_cap = cơ quan { $agency } được cử tối đa { $cap } người, nhưng đã chốt { $pinned } người của cơ quan này
plan-fault_together = từng điều kiện riêng lẻ đều đáp ứng được, nhưng không đồng thời tất cả
plan-fault_pinned_apart = người mã số { $first } và { $second } không được cùng đi, nhưng cả hai đều đã được chốt
plan-fault_partner = người mã số { $partner } phải đi cùng người mã số { $pinned } (đã chốt) nhưng không nhận được vị trí nào

## tên các đối tượng và hành động của nhật ký

audit_action-create = Tạo mới
audit_action-update = Cập nhật
audit_action-delete = Xóa
audit_action-login = Đăng nhập
audit_action-login_failed = Đăng nhập thất bại
audit_action-logout = Đăng xuất
audit_action-permission_denied = Bị từ chối quyền
audit_action-token_created = Tạo mã truy cập
audit_action-token_revoked = Thu hồi mã truy cập
audit_action-password_changed = Đổi mật khẩu
audit_action-seed = Khởi tạo dữ liệu
audit_action-medical_read = Xem hồ sơ sức khỏe
audit_action-backup = Sao lưu dữ liệu
audit_action-chain_checked = Kiểm tra nhật ký hoạt động
entity-agency = Cơ quan
entity-user = Tài khoản
entity-api_token = Mã truy cập API
entity-session = Phiên đăng nhập
entity-person = Hồ sơ cá nhân
entity-identity_document = Giấy tờ tùy thân
entity-language_test = Kết quả thi ngoại ngữ
entity-qualification = Văn bằng, chứng chỉ
entity-enrolment = Ghi danh khóa học
entity-nomination = Đề cử
entity-mission_preference = Nguyện vọng phái bộ
entity-notice = Thông báo
entity-medical_fitness = Kết luận sức khỏe
entity-specialty = Chuyên môn
entity-qualification_kind = Loại văn bằng, chứng chỉ
entity-setting = Thiết lập
entity-workflow_template = Mẫu quy trình
entity-training_course = Khóa huấn luyện
entity-mission = Phái bộ
entity-mandate_resolution = Nghị quyết nhiệm vụ
entity-un_request = Yêu cầu của LHQ
entity-formed_unit = Đơn vị
entity-unit_position = Vị trí trong biên chế
entity-readiness_change = Thay đổi mức sẵn sàng
entity-dossier = Hồ sơ cử lực lượng
entity-dossier_document = Văn bản của hồ sơ
entity-dossier_step = Bước của hồ sơ
entity-deployment = Triển khai
entity-incident = Sự cố
entity-incident_follow_up = Theo dõi sự cố
entity-police_assessment = Đánh giá AMS
entity-database = Cơ sở dữ liệu
entity-audit_entry = Nhật ký hoạt động

## sự kiện của hồ sơ

dossier_event-opened = Mở hồ sơ
dossier_event-document = Đính kèm văn bản
dossier_event-approve = Đồng ý
dossier_event-return = Trả lại
dossier_event-reject = Từ chối

## thủ tục cử lực lượng

dispatch-choice = Loại quyết định: { $decision }, ngày { $dated }, lực lượng: { $category }; áp dụng { $basis }.

## nơi các phái bộ hoạt động

mission_host-UNMISS = Nam Xu-đăng
mission_host-MINUSCA = Cộng hòa Trung Phi
mission_host-UNISFA = Khu vực Abyei
mission_host-UNIFIL = Li-băng
mission_host-MONUSCO = CHDC Công-gô
mission_host-UNFICYP = Síp
mission_host-UNMIK = Kosovo
mission_host-UNDOF = Cao nguyên Golan
mission_host-UNTSO = Trung Đông
mission_host-UNMOGIP = Ca-sơ-mia
mission_host-MINURSO = Tây Sahara
mission_host-MINUSMA = Ma-li

## giá trị được nêu

reference-value = giá trị nhận được: “{ $value }”

## kết quả của biểu mẫu vừa gửi

flash-saved = Đã lưu.

form-choose = — Chọn —
message-unknown_document_kind = loại văn bản này không có trong danh sách
document_kind-submission = Tờ trình
document_kind-decision = Quyết định
document_kind-opinion = Văn bản góp ý
document_kind-report = Báo cáo
document_kind-un_letter = Công hàm của Liên hợp quốc
document_kind-other = Văn bản khác
dossier-attach_again = Trình duyệt không giữ tệp đã chọn: hãy chọn lại tệp { $file }.
legal_text-scheme_and_defence_law = Đề án tổng thể năm 2012 và Luật Quốc phòng
legal_text-overall_scheme = Đề án tổng thể về tham gia hoạt động gìn giữ hòa bình của Liên hợp quốc
legal_text-constitution = Hiến pháp
legal_text-resolution = Nghị quyết
legal_text-decree = Nghị định
legal_text-decision = Quyết định
legal_text-law = Luật
legal_text-article = Điều
legal_text-and = { " và " }
qualification_category-un_course = Khóa học của Liên hợp quốc
qualification_category-police_selection = Sát hạch tuyển chọn cảnh sát
qualification_category-driving_licence = Giấy phép lái xe
qualification_category-firearms = Sử dụng vũ khí
qualification_category-first_aid = Sơ cấp cứu
qualification_category-professional = Chuyên môn
qualification_category-other = Khác
language_test-un = Kiểm tra của Liên hợp quốc
language_test-ielts = IELTS
language_test-toeic = TOEIC
language_test-toefl = TOEFL
language_test-national = Chứng chỉ quốc gia
language_test-other = Khác
medical_status-fit = Đủ sức khỏe
medical_status-fit_with_restrictions = Đủ sức khỏe, có hạn chế
medical_status-temporarily_unfit = Tạm thời không đủ sức khỏe
medical_status-unfit = Không đủ sức khỏe
legal_text-defence_law = Luật Quốc phòng
message-nominate_not_eligible = người này chưa đủ điều kiện cho vị trí; để vẫn đề cử, hãy ghi rõ lý do
request-nominate_reason = Lý do vẫn đề cử (được ghi vào nhật ký)
request-change_status = Chuyển trạng thái yêu cầu
request-confirm_end = Tôi xác nhận: từ chối hoặc đóng yêu cầu sẽ kết thúc việc xử lý yêu cầu này
message-confirm_request_end = hãy đánh dấu ô xác nhận để từ chối hoặc đóng yêu cầu

## who can fill a position
fits-title = Ai có thể đảm nhận?
fits-back = Quay lại yêu cầu
fits-requirements = Vị trí yêu cầu
fits-summary = { $eligible } người đủ điều kiện trong { $pool } người bạn được xem (không tính { $committed } người đã được phân công đi nhiệm vụ khác); { $near } người gần đủ, thiếu một hoặc hai điều kiện; { $far } người thiếu từ ba điều kiện trở lên.
fits-eligible = Đủ điều kiện, người phù hợp nhất ở trên
fits-none_eligible = Không ai trong số những người bạn được xem đáp ứng mọi điều kiện.
fits-score = Điểm phù hợp
fits-action = Thao tác
fits-nominated = Đã đề cử
fits-more = Còn { $more } người đủ điều kiện khác, điểm phù hợp thấp hơn.
fits-near_misses = Gần đủ điều kiện
fits-near_misses_hint = Mỗi người chỉ thiếu một hoặc hai điều kiện, ghi rõ bên cạnh. Vẫn có thể đề cử họ kèm lý do bằng văn bản; lý do được ghi vào nhật ký.
fits-none_near = Không có ai gần đủ điều kiện.
fits-fails = Điều kiện chưa đạt
fits-nominate_anyway = Vẫn đề cử
request-un_answer = Trả lời của Liên hợp quốc
request-record_answer = Ghi nhận
request-confirm_removal = Tôi xác nhận rút đề cử này
request-remove_nomination = Rút đề cử
request-position_title = Chức danh vị trí
request-line_optional = không bắt buộc
request-min_rank = Cấp bậc thấp nhất
request-max_rank = Cấp bậc cao nhất
request-qualification = Chứng chỉ yêu cầu
request-women_only = Chỉ nhận nữ
nomination_status-nominated = Chờ Liên hợp quốc trả lời
nomination_status-selected = Được Liên hợp quốc chọn
nomination_status-not_selected = Không được chọn
requirement-services = Quân chủng, lực lượng: { $services }
requirement-rank_range = Cấp bậc từ { $lowest } đến { $highest }
requirement-rank_from = Cấp bậc từ { $lowest } trở lên
requirement-rank_to = Cấp bậc đến { $highest }
requirement-specialties = Chuyên môn: { $specialties }
requirement-language = { $language } trình độ { $level } trở lên
requirement-qualifications = Chứng chỉ: { $qualifications }
requirement-gender = Dành cho: { $gender }
requirement-none = Không có yêu cầu riêng ngoài các điều kiện chung.
message-unknown_rank = cấp bậc này không có trong bảng cấp bậc
message-rank_range_reversed = cấp bậc cao nhất phải từ cấp bậc thấp nhất trở lên
message-choose_person = hãy chọn một người trong danh sách
message-confirm_nomination_removal = hãy đánh dấu ô xác nhận để rút đề cử
message-nomination_answered = Liên hợp quốc đã trả lời về người này nên không thể rút đề cử
request-add_line = Thêm vị trí
fits-search = Tìm theo họ tên (không cần dấu)
fits-find = Tìm
plan-min_women_per_line = Số nữ tối thiểu mỗi vị trí
plan-women_by_line = Nữ theo từng vị trí
plan-women_by_section = Nữ theo từng bộ phận
plan-min_women_per_section = Số nữ tối thiểu mỗi bộ phận
plan-min_women_share_line = Tỷ lệ nữ tối thiểu mỗi vị trí (%)
plan-min_women_share_section = Tỷ lệ nữ tối thiểu mỗi bộ phận (%)
plan-at_least = tối thiểu
units-section = Bộ phận
units-section_hint = Chỉ huy, một khoa, một trung đội…: kế hoạch đếm số nữ theo từng bộ phận. Chọn bộ phận đã có hoặc gõ tên bộ phận mới.
message-plan_women_one_or_other = chỉ đặt một mức nữ tối thiểu: cho cả kế hoạch, số nữ mỗi nhóm hoặc tỷ lệ nữ mỗi nhóm
home-open_requests = Yêu cầu của Liên hợp quốc đang chờ trả lời
home-no_open_requests = Không có yêu cầu nào đang chờ.
home-past_deadline = đã quá hạn đề cử
person-edit = Sửa thông tin
person-back = Quay lại hồ sơ cá nhân
missions-edit = Sửa thông tin hoặc kết thúc phái bộ
missions-new = Thêm phái bộ
missions-create = Ghi nhận phái bộ
missions-confirm_close = Tôi xác nhận kết thúc phái bộ vào ngày đã nhập
mission_field-code = Tên viết tắt của Liên hợp quốc (ví dụ UNMISS)
mission_field-name_vi = Tên tiếng Việt
mission_field-name_en = Tên tiếng Anh
mission_field-host = Địa bàn hoạt động
mission_field-latitude = Vĩ độ của sở chỉ huy (độ)
mission_field-longitude = Kinh độ của sở chỉ huy (độ)
mission_field-started_on = Ngày bắt đầu
mission_field-closed_on = Ngày kết thúc
message-latitude_range = vĩ độ là một số từ -90 đến 90
message-longitude_range = kinh độ là một số từ -180 đến 180
message-mission_closed_before_start = ngày kết thúc phải từ ngày bắt đầu trở đi
message-mission_code_taken = đã có phái bộ với tên viết tắt này
message-confirm_mission_close = hãy đánh dấu ô xác nhận để kết thúc phái bộ

## audit trail fields
audit_field-status = Trạng thái
audit_field-code = Mã
audit_field-name_vi = Tên tiếng Việt
audit_field-name_en = Tên tiếng Anh
audit_field-title = Tên, chức danh
audit_field-reference = Số hiệu
audit_field-note = Ghi chú
audit_field-comment = Ý kiến
audit_field-reason = Lý do
audit_field-person_id = Người (số thứ tự)
audit_field-position_id = Vị trí (số thứ tự)
audit_field-mission_id = Phái bộ (số thứ tự)
audit_field-unit_id = Đơn vị (số thứ tự)
audit_field-dossier_id = Hồ sơ (số thứ tự)
audit_field-agency_id = Cơ quan (số thứ tự)
audit_field-request_id = Yêu cầu (số thứ tự)
audit_field-family_name = Họ
audit_field-middle_name = Tên đệm
audit_field-given_name = Tên
audit_field-gender = Giới tính
audit_field-birth_date = Ngày sinh
audit_field-rank = Cấp bậc
audit_field-rank_code = Cấp bậc
audit_field-service = Quân chủng, lực lượng
audit_field-service_number = Số hiệu quân nhân, cán bộ
audit_field-phone = Điện thoại
audit_field-email = Thư điện tử
audit_field-roles = Vai trò
audit_field-username = Tên đăng nhập
audit_field-display_name = Tên hiển thị
audit_field-disabled = Vô hiệu hóa
audit_field-kind = Loại
audit_field-number = Số
audit_field-issued_on = Ngày cấp
audit_field-expires_on = Ngày hết hạn
audit_field-level = Trình độ
audit_field-language = Ngoại ngữ
audit_field-valid_until = Hiệu lực đến
audit_field-planned_departure = Ngày dự kiến xuất phát
audit_field-planned_end = Ngày dự kiến kết thúc
audit_field-departed_on = Ngày xuất phát
audit_field-arrived_on = Ngày đến
audit_field-returned_on = Ngày về nước
audit_field-appointment = Chức vụ
audit_field-adopted_on = Ngày thông qua
audit_field-mandate_ends_on = Nhiệm vụ kết thúc
audit_field-started_on = Ngày bắt đầu
audit_field-closed_on = Ngày kết thúc
audit_field-host = Địa bàn
audit_field-latitude = Vĩ độ
audit_field-longitude = Kinh độ
audit_field-count = Số lượng
audit_field-positions = Số vị trí
audit_field-received_on = Ngày nhận
audit_field-nomination_deadline = Hạn đề cử
audit_field-tour_start = Bắt đầu nhiệm kỳ
audit_field-tour_months = Thời hạn (tháng)
audit_field-personnel_type = Loại lực lượng
audit_field-ineligible_nominated_because = Lý do vẫn đề cử người chưa đủ điều kiện
audit_field-category = Lực lượng
audit_field-decision = Loại quyết định
audit_field-dated = Ngày
audit_field-file_name = Tên tệp
audit_field-size = Dung lượng
audit_field-sha256 = Mã băm SHA-256
audit_field-action = Thao tác
audit_field-score = Điểm
audit_field-result_on = Ngày có kết quả
audit_field-path = Vị trí trong cây cơ quan
audit_field-parent_id = Cơ quan cấp trên (số thứ tự)
audit_field-votes = Kết quả biểu quyết
audit_field-troop_ceiling = Trần quân số
audit_field-police_ceiling = Trần cảnh sát
audit_field-examined_on = Ngày khám
audit_field-restrictions = Hạn chế
audit_field-readiness = Mức sẵn sàng
audit_field-specialties = Chuyên môn
audit_field-missions = Phái bộ
audit-field = Trường
word-yes = Có
word-no = Không
audit_field-id = Số thứ tự
audit_field-lang = Ngôn ngữ giao diện
request-edit = Sửa yêu cầu
request-edit_hint = Sửa nội dung công hàm và các vị trí. Để bỏ một vị trí, xóa chức danh và số lượng của dòng đó; vị trí đã có người được đề cử thì không bỏ được.
request-nominated_count = đã đề cử { $nominated } người
message-count_below_nominations = số lượng không được ít hơn số người đã đề cử
message-position_has_nominations = không bỏ được vị trí đã có người được đề cử; hãy rút đề cử trước
message-position_not_in_request = vị trí này không thuộc yêu cầu

## validation
validation-a_readiness_change_is_recorded_once_it = chỉ ghi nhận thay đổi mức sẵn sàng khi đã xảy ra
validation-the_entry_is_incomplete = mục này chưa đủ thông tin
validation-must_be_a_whole_number_of_months = phải là số tháng nguyên từ 1 đến 240, hoặc để trống nếu không hết hạn
validation-must_be_at_most_120_months = tối đa 120 tháng
validation-must_be_at_most_60_months = tối đa 60 tháng
validation-appears_twice = bị lặp lại hai lần
validation-ages_must_be_from_16_to_75 = tuổi phải từ 16 đến 75
validation-the_lowest_age_is_above_the_highest = tuổi thấp nhất lớn hơn tuổi cao nhất
validation-an_extension_must_move_the_end_of = gia hạn phải lùi ngày kết thúc nhiệm kỳ về sau
validation-give_the_reason_for_the_withdrawal = hãy ghi lý do rút về
validation-an_incident_is_recorded_once_it_has = chỉ ghi nhận sự việc khi đã xảy ra
validation-must_be_on_or_after_the_departure = phải từ ngày xuất phát trở đi
validation-the_incident_is_closed = sự việc đã kết thúc theo dõi, không ghi thêm được
validation-a_follow_up_is_recorded_once_done = chỉ ghi nhận việc theo dõi đã diễn ra
validation-must_be_on_or_after_the_incident = phải từ ngày xảy ra sự việc trở đi
validation-capacity_below_seats_taken = không được ít hơn số chỗ đã có người đăng ký ({ $taken })
validation-an_assessment_is_recorded_once_held = chỉ ghi nhận kỳ đánh giá đã diễn ra
validation-a_part_is_recorded_once = mỗi phần chỉ ghi một lần trong một kỳ đánh giá
validation-an_assessment_has_a_part = hãy nhập điểm của ít nhất một phần
validation-the_ams_is_for_police_officers = chỉ sĩ quan cảnh sát mới dự đánh giá AMS
validation-this_assessment_is_recorded = kết quả của phần này trong ngày đó đã được ghi nhận
audit_field-closes = Kết thúc theo dõi
audit_field-incident_id = Sự việc (số thứ tự)
audit_field-summary = Tóm tắt
audit_field-follow_up = Theo dõi, xử lý
audit_field-occurred_on = Ngày xảy ra
validation-the_person_has_not_left_for_the = người này chưa xuất phát đi phái bộ
validation-civilians_hold_no_rank = nhân sự dân sự không có cấp bậc
validation-must_not_be_empty = không được để trống
validation-must_not_contain_control_characters = không được chứa ký tự điều khiển
validation-must_not_contain_direction_marks_or_zero = không được chứa ký tự đổi chiều hoặc ký tự vô hình
validation-must_not_contain_or = không được chứa dấu < hoặc >
validation-must_be_3_to_64_lower_case = phải gồm 3 đến 64 chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới
validation-must_be_at_most_256_characters = tối đa 256 ký tự
validation-is_not_an_e_mail_address = không phải địa chỉ thư điện tử
validation-must_name_at_least_one_role = phải chọn ít nhất một vai trò
validation-invalid_user = thông tin tài khoản không hợp lệ
validation-choose_a_file_to_attach = hãy chọn tệp để đính kèm
validation-the_file_is_empty = tệp rỗng
validation-must_say_which_restrictions_apply = phải ghi rõ các hạn chế
validation-must_be_2_to_40_lower_case = phải gồm 2 đến 40 chữ thường, chữ số, gạch ngang hoặc gạch dưới
validation-must_be_5_to_20_letters_or = phải gồm 5 đến 20 chữ cái hoặc chữ số
validation-the_record_is_incomplete = hồ sơ chưa đủ thông tin
validation-must_be_on_or_after_starts_on = phải từ ngày bắt đầu trở đi
validation-the_course_is_incomplete = khóa học chưa đủ thông tin
validation-must_be_passed_failed_or_withdrawn = phải là đạt, không đạt hoặc rút
validation-the_result_is_incomplete = kết quả chưa đủ thông tin
validation-must_be_2_to_32_upper_case = phải gồm 2 đến 32 chữ in hoa, chữ số hoặc gạch ngang ở giữa
validation-must_be_one_of_ministry_state_body = phải là bộ, cơ quan nhà nước, cục/vụ hoặc đơn vị
validation-invalid_agency = thông tin cơ quan không hợp lệ
validation-for_against_and_abstaining_add_up_to = tổng số phiếu thuận, chống và trắng vượt quá 15 thành viên Hội đồng
validation-give_all_three_counts_for_against_abstaining = hãy nhập đủ cả ba số phiếu (thuận, chống, trắng) hoặc để trống cả ba
validation-must_be_on_or_after_adopted_on = phải từ ngày thông qua trở đi
validation-must_be_written_like_2779_2025 = phải viết theo dạng 2779 (2025)
validation-must_be_a_mission_code_such_as = phải là tên viết tắt của phái bộ, ví dụ UNMISS
validation-must_be_a_whole_number_of_months_2 = phải là số tháng nguyên từ 1 đến 24
validation-a_request_asks_for_at_least_one = yêu cầu phải có ít nhất một vị trí
validation-must_be_from_1_to_500 = phải từ 1 đến 500
validation-must_be_on_or_after_received_on = phải từ ngày nhận trở đi
validation-must_be_on_or_after_nomination_deadline = phải từ hạn đề cử trở đi
validation-must_be_2_to_20_letters_digits = phải gồm 2 đến 20 chữ cái, chữ số, gạch ngang, dấu chấm hoặc gạch chéo
validation-must_be_a_date_written_yyyy_mm = phải là một ngày hợp lệ
validation-must_be_6_to_15_digits_with = phải gồm 6 đến 15 chữ số, có thể có + - ( ) . hoặc dấu cách
validation-pages_count_from_1 = số trang bắt đầu từ 1
validation-people_files_are_imported_with_import_people = tệp danh sách người được nhập bằng chức năng nhập danh sách người
validation-no_mission_has_this_code = không có phái bộ nào với tên viết tắt này
validation-this_resolution_is_already_recorded = nghị quyết này đã được ghi nhận
validation-a_request_with_this_reference_is_already = đã có yêu cầu với số công hàm này
validation-this_person_is_already_nominated_for_the = người này đã được đề cử cho vị trí này
validation-another_unit_already_has_this_name = đã có đơn vị khác mang tên này
validation-no_such_record = không tìm thấy hồ sơ
validation-the_content_is_not_the_kind_of = nội dung tệp không đúng loại tài liệu như tên tệp
validation-invalid_paging = tham số phân trang không hợp lệ
validation-this_person_is_already_enrolled_on_the = người này đã được ghi danh vào khóa học
validation-a_result_is_already_recorded = kết quả đã được ghi nhận
validation-the_dossier_was_rejected_no_one_is = hồ sơ đã bị từ chối: không cử ai theo hồ sơ này
validation-the_unit_is_not_assigned_to_a = đơn vị chưa được giao cho phái bộ nào
validation-this_person_already_has_an_active_deployment = người này đang có một đợt triển khai chưa kết thúc
validation-the_dossier_is_not_for_this_unit = hồ sơ không thuộc đơn vị này
validation-no_person_of_this_service_has_this = không có người nào thuộc lực lượng này mang số hiệu này
validation-a_level_needs_a_language = trình độ cần đi kèm ngoại ngữ
validation-no_agency_has_this_code = không có cơ quan nào mang mã này
validation-must_be_a_whole_number = phải là số nguyên
validation-must_be_a_whole_number_from_0 = phải là số nguyên từ 0 trở lên
validation-choose_a_file_to_upload = hãy chọn tệp để tải lên
validation-choose_the_dossier_the_deployments_are_planned = hãy chọn hồ sơ làm căn cứ lập kế hoạch triển khai
validation-must_be_vi_or_en = phải là tiếng Việt hoặc tiếng Anh
validation-choose_a_parent_agency = hãy chọn cơ quan cấp trên
validation-choose_an_agency = hãy chọn một cơ quan
validation-must_be_a_date_yyyy_mm_dd = phải là một ngày hợp lệ
validation-is_not_a_role = không phải là một vai trò
validation-must_be_between_1_and_60 = phải từ 1 đến 60
validation-must_be_between_1_and_730 = phải từ 1 đến 730
validation-must_be_people_documents_languages_or_qualifications = phải là tệp danh sách người, giấy tờ, ngoại ngữ hoặc chứng chỉ, định dạng .csv hoặc .xlsx
validation-catalogue_code_taken = danh mục đã có một mục với mã này
validation-service_number_taken = đã có người khác thuộc lực lượng này mang số hiệu này
validation-whole_number_between = phải là số nguyên từ { $low } đến { $high }
validation-one_of = phải là một trong: { $allowed }
validation-at_most = tối đa { $most }
validation-after_field = phải sau { $field }
validation-on_or_after_field = phải từ { $field } trở đi
validation-at_least_characters = phải có ít nhất { $least } ký tự
validation-at_most_mib = tối đa { $mib } MiB
validation-enrolment_already = kết quả đã được ghi nhận: { $status }
validation-course_full = khóa học đã đủ chỗ ({ $seats } chỗ)
validation-before_course_starts = không được trước ngày khóa học bắt đầu ({ $starts })
validation-resolution_year = năm trong số hiệu ({ $year }) khác với năm thông qua
validation-personnel_type_of_request = phải đúng loại lực lượng của yêu cầu: { $personnel }
validation-age_between = tính ra { $age } tuổi; tuổi phải từ { $min } đến { $max }
validation-at_most_characters = tối đa { $max } ký tự
validation-no_such = không tìm thấy { $what } này
validation-dossier_not_approved = hồ sơ “{ $title }” đang ở trạng thái { $status }: chỉ phê duyệt triển khai theo hồ sơ đã được chấp thuận
validation-at_most_missions = tối đa { $most } phái bộ
validation-upload_unreadable = không đọc được tệp tải lên; hãy kiểm tra định dạng và nội dung tệp
validation-content_not_extension = nội dung không phải là tệp .{ $extension }
medical-record = Ghi nhận kết quả khám
plan-pair_first = Người thứ nhất
plan-pair_second = Người thứ hai
health-title = Tình trạng hệ thống
health-accounts = Tài khoản đang dùng
health-disabled = Tài khoản bị vô hiệu hóa
health-locked = Địa chỉ đang bị tạm khóa đăng nhập
health-last_backup = Lần sao lưu gần nhất
health-no_backup = Chưa có bản sao lưu nào được ghi nhận. Hãy chạy lệnh sao lưu.
health-backup_old = Bản sao lưu gần nhất đã quá { $days } ngày.
health-audit_entries = Số bản ghi nhật ký
health-last_check = Lần kiểm tra nhật ký gần nhất
health-never_checked = Chưa kiểm tra lần nào.
health-intact = Nguyên vẹn ({ $entries } bản ghi)
health-broken = Phát hiện sai lệch tại bản ghi số { $seq }
health-check = Kiểm tra nhật ký ngay
ams-title = Đánh giá năng lực làm nhiệm vụ (AMS) của Liên hợp quốc
ams-none = Chưa có kết quả đánh giá.
ams-assessed_on = Ngày đánh giá
ams-part = Phần thi
ams-score = Điểm
ams-pass_mark = Điểm đạt
ams-result = Kết quả
ams-passed = Đạt
ams-failed = Không đạt
ams-record = Ghi kết quả một kỳ đánh giá
ams-hint = Nhập điểm (thang 100) của các phần đã thi; bỏ trống phần không thi. Đạt đủ các phần của một nhóm thì chứng chỉ tương ứng được cấp tự động.
ams-save = Ghi kết quả
ams_part-english_reading = Tiếng Anh: đọc hiểu
ams_part-english_listening = Tiếng Anh: nghe
ams_part-english_writing = Tiếng Anh: viết báo cáo
ams_part-english_interview = Tiếng Anh: phỏng vấn
ams_part-competency_interview = Phỏng vấn năng lực
ams_part-driving = Lái xe
ams_part-firearms = Sử dụng và bắn súng
audit_field-assessed_on = Ngày đánh giá
audit_field-part = Phần thi
audit_field-pass_mark = Điểm đạt

## The legal registry
nav-legal = Văn bản pháp lý
legal-title = Văn bản pháp lý
legal-search = Tìm theo số hiệu hoặc trích yếu
legal-kind = Loại văn bản
legal-every_kind = Mọi loại văn bản
legal-filter = Lọc
legal-found = Số văn bản
legal-none = Không có văn bản nào.
legal-number = Số hiệu
legal-document = Văn bản
legal-signed = Ngày ký
legal-status_today = Hiệu lực hôm nay
legal-unverified = chưa đối chiếu nguồn
legal-verified = Đã đối chiếu văn bản gốc
legal-checked = Đối chiếu
legal-register = Thêm văn bản
legal-not_yet = Chưa có
legal-mandate_of = Nhiệm vụ của phái bộ
legal-kept_by = Đơn vị quản lý
legal-timeline = Diễn biến hiệu lực
legal-relations = Quan hệ với văn bản khác
legal-no_relations = Chưa ghi nhận quan hệ nào.
legal-relation = Quan hệ
legal-by = bởi
legal-from = từ
legal-add_relation = Thêm quan hệ
legal-edit = Sửa thông tin văn bản
legal-status_draft = Dự thảo
legal-status_adopted = Đã ban hành, chưa có hiệu lực
legal-status_in_force = Đang có hiệu lực
legal-status_amended = Có hiệu lực, đã được sửa đổi
legal-status_ended = Hết hiệu lực từ sau ngày
legal-status_replaced = Đã được thay thế
legal_field-kind = Loại văn bản
legal_field-number = Số hiệu (để trống với dự thảo)
legal_field-title_vi = Trích yếu tiếng Việt
legal_field-title_en = Trích yếu tiếng Anh
legal_field-issuer = Cơ quan ban hành
legal_field-signed_on = Ngày ký
legal_field-effective_on = Ngày có hiệu lực
legal_field-ends_on = Ngày cuối cùng có hiệu lực
legal_field-source_url = Địa chỉ văn bản gốc
legal_field-note = Ghi chú
legal_field-verified = Đã đối chiếu với văn bản gốc
legal_field-object_id = Văn bản liên quan
legal_field-articles = Các điều được sửa đổi
legal_cite-constitution = Hiến pháp
legal_cite-law = Luật số
legal_cite-assembly_resolution = Nghị quyết số
legal_cite-ordinance = Pháp lệnh số
legal_cite-decree = Nghị định số
legal_cite-prime_minister_decision = Quyết định số
legal_cite-ministerial_decision = Quyết định số
legal_cite-circular = Thông tư số
legal_cite-party_document = Văn bản số
legal_cite-council_resolution = Nghị quyết
legal_cite-general_assembly_resolution = Nghị quyết
legal_cite-un_policy = Văn bản
legal-health = Tình trạng căn cứ pháp lý
legal-health_link = Kiểm tra căn cứ pháp lý của các quy trình
legal-health_intro = Các căn cứ pháp lý mà quy trình và hồ sơ viện dẫn, đối chiếu hiệu lực đến ngày
legal-health_not_in_force = Viện dẫn văn bản không có hiệu lực vào ngày áp dụng
legal-health_not_in_force_help = Văn bản được viện dẫn làm căn cứ cho một việc có ngày trước khi văn bản có hiệu lực hoặc sau khi văn bản hết hiệu lực.
legal-health_outdated = Đang áp dụng nhưng căn cứ đã hết hiệu lực
legal-health_ending = Văn bản hết hiệu lực hoặc bị thay thế đến ngày
legal-health_none = Không có trường hợp nào.
legal-relied_on_by = Được viện dẫn làm căn cứ
legal-no_reliance = Chưa có quy trình nào trong hệ thống viện dẫn văn bản này.
legal-cited_by = Nơi viện dẫn
legal-act_dated = Ngày áp dụng
legal-status_then = Hiệu lực vào ngày đó
legal-not_in_force_then = không có hiệu lực vào ngày này
templates-title = Quy trình cử lực lượng
templates-intro = Mỗi quy trình có các phiên bản theo căn cứ pháp lý; hồ sơ theo phiên bản đang áp dụng vào ngày của hồ sơ và giữ phiên bản đó đến khi kết thúc.
templates-link = Xem các quy trình cử lực lượng và phiên bản
templates-version = Phiên bản
templates-status = Trạng thái
templates-period = Thời gian áp dụng
templates-activated = Kích hoạt lúc
templates-basis = Căn cứ pháp lý
templates-categories = Lực lượng áp dụng
templates-decisions = Loại quyết định
templates-steps = Các bước
templates-position = Thứ tự
templates-step = Bước
templates-agency = Cơ quan thực hiện
templates-role = Vai trò quyết định
templates-limit = Thời hạn (ngày)
templates-documents = Tài liệu cần có
templates-provision = Căn cứ của bước
templates-versions = Các phiên bản
templates-new_version = Tạo phiên bản mới từ phiên bản này
templates-edit = Sửa dự thảo
templates-activate = Kích hoạt phiên bản này
templates-activate_help = Từ ngày bắt đầu áp dụng, hồ sơ mới theo phiên bản này; phiên bản đang áp dụng kết thúc vào ngày hôm trước. Hồ sơ đang xử lý giữ phiên bản đã mở.
templates-lead_agency = Cơ quan chủ trì hồ sơ
templates-name_vi = Tên quy trình (tiếng Việt)
templates-name_en = Tên quy trình (tiếng Anh)
templates-valid_from = Áp dụng từ ngày
templates-valid_to = Áp dụng đến hết ngày (để trống nếu chưa xác định)
templates-document = Văn bản
templates-article = Điều (nếu có)
templates-step_seq = Thứ tự (các bước cùng thứ tự làm song song)
templates-step_name_vi = Tên bước (tiếng Việt)
templates-step_name_en = Tên bước (tiếng Anh)
templates-step_limit_days = Thời hạn (ngày)
templates-new_step = Thêm bước mới
templates-remove = Bỏ bước này
templates-back = Quay lại phiên bản
template_status-draft = Dự thảo
template_status-active = Đang áp dụng
template_status-retired = Đã được thay thế
council-title = Việt Nam tại Hội đồng Bảo an
council-term = Nhiệm kỳ
council-period = Thời gian
council-elected = Được bầu
council-votes = phiếu
council-not_recorded = chưa ghi nhận
council-presidencies = Tháng làm Chủ tịch Hội đồng
council-month = Tháng
council-initiatives = Ưu tiên và sáng kiến
legal_kind-constitution = Hiến pháp
legal_kind-law = Luật
legal_kind-assembly_resolution = Nghị quyết của Quốc hội
legal_kind-ordinance = Pháp lệnh
legal_kind-decree = Nghị định
legal_kind-prime_minister_decision = Quyết định của Thủ tướng Chính phủ
legal_kind-ministerial_decision = Quyết định của Bộ trưởng
legal_kind-circular = Thông tư
legal_kind-party_document = Văn bản của Đảng
legal_kind-council_resolution = Nghị quyết của Hội đồng Bảo an
legal_kind-general_assembly_resolution = Nghị quyết của Đại hội đồng
legal_kind-un_policy = Sổ tay, chính sách của Liên hợp quốc
legal_relation-implements = Hướng dẫn thi hành
legal_relation-amends = Sửa đổi, bổ sung
legal_relation-replaces = Thay thế
legal_relation-based_on = Căn cứ vào
legal_relation-guides = Hướng dẫn
legal_relation_by-implements = Được hướng dẫn thi hành bởi
legal_relation_by-amends = Được sửa đổi, bổ sung bởi
legal_relation_by-replaces = Được thay thế bởi
legal_relation_by-based_on = Là căn cứ của
legal_relation_by-guides = Được hướng dẫn bởi
validation-legal_number_written_as = số hiệu không đúng cách viết của loại văn bản này, ví dụ { $example }
validation-a_document_in_force_was_signed = văn bản có ngày hiệu lực phải có ngày ký
validation-must_be_on_or_after_signed_on = phải từ ngày ký trở đi
validation-an_end_needs_a_start = cần có ngày có hiệu lực trước khi ghi ngày hết hiệu lực
validation-must_be_on_or_after_effective_on = phải từ ngày có hiệu lực trở đi
validation-must_be_a_web_address = phải là địa chỉ web bắt đầu bằng http:// hoặc https://
validation-a_document_cannot_relate_to_itself = một văn bản không thể có quan hệ với chính nó
validation-article_number = số điều chỉ gồm chữ, số, dấu chấm hoặc gạch ngang, tối đa 20 ký tự
validation-must_be_on_or_after_valid_from = phải từ ngày bắt đầu áp dụng trở đi
validation-choose_at_least_one = hãy chọn ít nhất một giá trị
validation-cite_at_least_one = hãy viện dẫn ít nhất một văn bản làm căn cứ
validation-a_procedure_has_steps = quy trình phải có ít nhất một bước
validation-must_be_from_1_to_50 = phải từ 1 đến 50
validation-choose_from_the_list = hãy chọn một giá trị trong danh sách
validation-must_be_from_1_to_365_days = phải từ 1 đến 365 ngày
validation-step_code = mỗi bước phải có mã riêng, chỉ gồm chữ thường, số và dấu gạch dưới
validation-positions_consecutive = thứ tự các bước phải liên tiếp 1, 2, 3… không bỏ trống
validation-cited_not_in_force_from = văn bản viện dẫn không có hiệu lực vào ngày bắt đầu áp dụng
validation-only_a_draft_changes = chỉ sửa hoặc kích hoạt được phiên bản dự thảo
validation-choose_a_document_of_the_registry = hãy chọn một văn bản có trong danh mục
validation-a_draft_relates_from_a_date = dự thảo chưa có ngày ký: hãy ghi ngày bắt đầu của quan hệ
validation-a_relation_starts_after_its_document_is_signed = quan hệ chỉ bắt đầu từ ngày văn bản được ký
validation-a_change_follows_what_it_changes = việc sửa đổi hoặc thay thế phải sau ngày văn bản bị sửa đổi có hiệu lực
validation-relation_would_form_a_cycle = quan hệ này tạo thành vòng lặp (A thay thế B, B lại thay thế A)
message-legal_number_taken = đã có văn bản cùng loại với số hiệu này
message-legal_relation_exists = quan hệ này đã được ghi nhận
entity-legal_document = Văn bản pháp lý
entity-legal_relation = Quan hệ giữa văn bản
entity-legal_article = Điều của văn bản
entity-legal_citation = Trích dẫn căn cứ pháp lý
entity-council_term = Nhiệm kỳ ở Hội đồng Bảo an
entity-council_presidency = Tháng làm Chủ tịch Hội đồng Bảo an
entity-council_initiative = Sáng kiến tại Hội đồng Bảo an

## Law-making projects
law-title = Dự án xây dựng văn bản quy phạm pháp luật
law-none = Chưa có dự án nào mà cơ quan của bạn tham gia.
law-project = Dự án
law-kind = Loại văn bản
law-presiding = Cơ quan chủ trì
law-stage_now = Bước hiện tại
law-due_on = Hạn hoàn thành
law-overdue = quá hạn
law-open = Mở dự án mới
law-no_document = Không có
law-status = Tình trạng
law-registry_entry = Văn bản trong danh mục
law-draft_entry = Dự thảo trong danh mục
law-stages = Các bước xây dựng
law-stage = Bước
law-started_on = Bắt đầu
law-done_on = Hoàn thành
law-adopt = Thông qua, ban hành
law-complete = Hoàn thành bước
law-drafts = Các lần dự thảo
law-no_drafts = Chưa có dự thảo nào.
law-version = Lần dự thảo
law-add_draft = Ghi nhận dự thảo mới
law-opinions = Ý kiến góp ý và việc tiếp thu
law-no_opinions = Chưa nhận được ý kiến nào.
law-answer = Ghi nhận việc tiếp thu
law-add_opinion = Ghi nhận ý kiến góp ý
law-no_version = Không gắn với lần dự thảo nào
law_field-kind = Loại văn bản
law_field-title_vi = Tên dự án tiếng Việt
law_field-title_en = Tên dự án tiếng Anh
law_field-opened_on = Ngày mở dự án
law_field-presiding = Cơ quan chủ trì soạn thảo
law_field-guiding = Cơ quan hướng dẫn, thẩm định nội bộ
law_field-consulted = Cơ quan được lấy ý kiến
law_field-document_id = Dự thảo đã có trong danh mục văn bản
law_field-implements_id = Quy định chi tiết, thi hành văn bản
law_field-replaces_id = Thay thế văn bản
law_field-note = Ghi chú
law_field-number = Số hiệu văn bản được ban hành
law_field-signed_on = Ngày ký ban hành
law_field-effective_on = Ngày có hiệu lực
law_field-done_on = Ngày hoàn thành
law_field-next_due_on = Hạn của bước tiếp theo (để trống: theo mặc định)
law_field-dated = Ngày của bản dự thảo
law_field-summary = Nội dung chỉnh sửa
law_field-agency = Cơ quan góp ý
law_field-received_on = Ngày nhận
law_field-content = Nội dung góp ý
law_field-disposition = Tiếp thu
law_field-response = Giải trình, tiếp thu
law_kind-law = Luật
law_kind-decree = Nghị định
law_kind-circular = Thông tư
law_status-open = Đang xây dựng
law_status-adopted = Đã thông qua, ban hành
law_stage_status-waiting = Chưa đến
law_stage_status-current = Đang thực hiện
law_stage_status-done = Đã hoàn thành
law_disposition-pending = Chưa xem xét
law_disposition-accepted = Tiếp thu
law_disposition-partly = Tiếp thu một phần
law_disposition-declined = Không tiếp thu
validation-law_guiding_is_presiding = cơ quan hướng dẫn phải khác cơ quan chủ trì
validation-law_consulted_is_presiding = cơ quan chủ trì không tự lấy ý kiến chính mình
validation-law_stage_unknown = dự án không có bước này
validation-law_stage_not_yet = chưa đến bước này: hãy hoàn thành bước hiện tại trước, không được bỏ qua bước
validation-law_stage_done = bước này đã hoàn thành
validation-law_stage_done_before_start = không được trước ngày bắt đầu của bước
validation-law_not_after_today = không được sau ngày hôm nay
validation-law_due_before_done = hạn không được trước ngày hoàn thành bước này
validation-law_before_opening = không được trước ngày mở dự án
validation-law_agency_not_consulted = cơ quan này không có trong danh sách được lấy ý kiến của dự án
validation-law_version_unknown = dự án không có lần dự thảo này
validation-law_explain_not_taken_in = hãy giải trình vì sao không tiếp thu hoặc chỉ tiếp thu một phần
validation-law_project_adopted = dự án đã được thông qua, không thay đổi được nữa
validation-law_adoption_needs = cần có để ghi văn bản được ban hành vào danh mục
message-law_version_taken = lần dự thảo này vừa được ghi nhận, hãy thử lại
entity-law_project = Dự án xây dựng văn bản
entity-law_stage = Bước xây dựng văn bản
entity-law_draft = Lần dự thảo
entity-law_opinion = Ý kiến góp ý dự thảo
entity-legal_file = Văn bản gốc (PDF)
validation-legal_file_is_a_pdf = văn bản gốc phải là tệp PDF
legal-file = Văn bản gốc
legal-no_file = Chưa có tệp văn bản gốc.
legal-file_upload = Tệp văn bản gốc (PDF, tối đa 10 MiB)
legal-file_send = Tải lên
legal-bytes = byte
legal-graph = Sơ đồ quan hệ giữa các văn bản
legal-graph_intro = Mỗi văn bản nằm dưới các văn bản mà nó quy định chi tiết, hướng dẫn, sửa đổi hoặc lấy làm căn cứ; đường nét đứt màu đỏ nối văn bản thay thế với văn bản bị thay thế. Bấm vào một văn bản để mở.
legal-graph_truncated = Sơ đồ chỉ vẽ 150 văn bản ở các tầng trên cùng; bảng dưới đây liệt kê quan hệ giữa các văn bản được vẽ.
legal-graph_caption = Sơ đồ văn bản nào thi hành, hướng dẫn, sửa đổi, thay thế văn bản nào; bảng dưới đây trình bày cùng nội dung.
legal-graph_table = Các quan hệ trong sơ đồ
# What a refused attempt was about, in the audit trail.
entity-audit = Nhật ký kiểm toán
entity-medical = Hồ sơ sức khỏe
entity-catalogue = Danh mục
entity-training = Huấn luyện
entity-unit = Đơn vị
entity-legal = Văn bản pháp lý
entity-law_making = Dự án xây dựng văn bản

## Directives and tasks
validation-task_count = một chỉ đạo giao từ 1 đến 50 nhiệm vụ
validation-task_presiding_also_coordinating = cơ quan chủ trì không đồng thời là cơ quan phối hợp
validation-task_agency_twice = cơ quan này đã có trong danh sách phối hợp
validation-task_due_before_directive = thời hạn không được trước ngày ban hành chỉ đạo
validation-task_unknown_project = không có dự án xây dựng văn bản này
validation-task_not_now = nhiệm vụ đang ở tình trạng không cho phép bước này
validation-share_0_to_100 = tỷ lệ hoàn thành phải từ 0 đến 100
validation-task_say_why = hãy ghi rõ lý do hoặc ý kiến
validation-task_extension_later = thời hạn mới phải sau thời hạn hiện tại
entity-directive = Chỉ đạo
entity-task = Nhiệm vụ
nav-tasks = Nhiệm vụ
tasks-title = Chỉ đạo và nhiệm vụ
tasks-none = Cơ quan của bạn chưa có nhiệm vụ nào.
tasks-task = Nhiệm vụ
tasks-presiding = Cơ quan chủ trì
tasks-due_on = Thời hạn
tasks-status = Tình trạng
tasks-share_done = Tỷ lệ hoàn thành
tasks-overdue = quá hạn
tasks-new_directive = Ghi nhận chỉ đạo mới
tasks-record = Ghi nhận chỉ đạo và giao nhiệm vụ
tasks-agencies = Cơ quan thực hiện
tasks-agency = Cơ quan
tasks-part = Vai trò
tasks-history = Quá trình thực hiện
tasks-step = Cập nhật nhiệm vụ
tasks-save_step = Ghi nhận
task_field-title = Chỉ đạo
task_field-issued_on = Ngày ban hành chỉ đạo
task_field-issued_by = Hội nghị hoặc lãnh đạo chỉ đạo
task_field-document_id = Văn bản làm căn cứ
task_field-task_title = Nội dung nhiệm vụ
task_field-product = Sản phẩm phải hoàn thành
task_field-due_on = Thời hạn hoàn thành
task_field-presiding = Cơ quan chủ trì
task_field-coordinating = Cơ quan phối hợp
task_field-contribution = Phần việc của cơ quan phối hợp
task_field-action = Bước cập nhật
task_field-share_done = Tỷ lệ hoàn thành (%)
task_field-note = Nội dung, ý kiến hoặc lý do
task_status-assigned = Đã giao
task_status-under_way = Đang thực hiện
task_status-submitted = Đã trình sản phẩm
task_status-returned = Trả lại để bổ sung
task_status-closed = Đã hoàn thành
task_action-assigned = Giao nhiệm vụ
task_action-progress = Báo cáo tiến độ
task_action-submit = Trình sản phẩm
task_action-return = Trả lại kèm ý kiến
task_action-accept = Chấp nhận, kết thúc
task_action-extend = Gia hạn
task_part-presiding = Chủ trì
task_part-coordinating = Phối hợp
notice-task_subject = Nhiệm vụ đến hạn hoặc quá hạn
notice-task_due_soon = Nhiệm vụ «{ $title }» đến hạn ngày { $on } — còn { $days } ngày.
notice-task_overdue = Nhiệm vụ «{ $title }» đã quá hạn từ ngày { $on }.
notice-task_escalated = Nhiệm vụ «{ $title }» quá hạn từ ngày { $on } chưa hoàn thành: đề nghị đôn đốc cơ quan chủ trì.
tasks-open = Đang thực hiện
tasks-due_soon = Đến hạn trong 7 ngày
tasks-overdue_count = Quá hạn
tasks-closed = Đã hoàn thành
tasks-on_time = đúng hạn
bodies-title = Các cơ quan điều phối
bodies-none = Chưa có cơ quan điều phối nào.
bodies-body = Cơ quan điều phối
bodies-members = Thành viên
bodies-no_members = Chưa có thành viên nào.
bodies-new = Thêm cơ quan điều phối
bodies-add_member = Thêm thành viên
bodies-term = Nhiệm kỳ
body_field-kind = Loại
body_field-name_vi = Tên tiếng Việt
body_field-name_en = Tên tiếng Anh
body_field-standing = Cơ quan thường trực
body_kind-steering_committee = Ban Chỉ đạo
body_kind-working_group = Tổ công tác liên ngành
body_kind-inspection_team = Đoàn kiểm tra
body_kind-other = Khác
member_field-username = Tài khoản (nếu có)
member_field-name = Họ và tên (khi không có tài khoản)
member_field-position = Chức vụ
member_field-agency = Cơ quan
member_field-role = Vai trò
member_field-from_on = Từ ngày
member_field-to_on = Đến ngày
member_role-head = Trưởng ban, Tổ trưởng
member_role-permanent_deputy = Phó Trưởng ban thường trực
member_role-deputy = Phó Trưởng ban
member_role-member = Thành viên
member_role-secretary = Thư ký
validation-member_no_such_account = không có tài khoản nào mang tên này
validation-member_account_or_name = hãy chọn tài khoản hoặc ghi họ và tên
validation-member_term_ends_before_it_starts = nhiệm kỳ không thể kết thúc trước khi bắt đầu
entity-body = Cơ quan điều phối
entity-body_member = Thành viên cơ quan điều phối
# The stages of law-making, by kind of text.
law_stage_law-policy_proposal = Lập đề nghị xây dựng luật: báo cáo tổng kết thi hành pháp luật, đánh giá tác động của chính sách
law_stage_law-consultation = Lấy ý kiến các bộ, ngành và Nhân dân
law_stage_law-appraisal = Thẩm định của Bộ Tư pháp
law_stage_law-government_submission = Chính phủ xem xét, trình Quốc hội
law_stage_law-programme = Đưa vào Chương trình xây dựng luật, pháp lệnh của Quốc hội
law_stage_law-drafting = Soạn thảo dự án luật
law_stage_law-adoption = Quốc hội xem xét, thông qua
law_stage_decree-drafting = Soạn thảo dự thảo nghị định
law_stage_decree-consultation = Lấy ý kiến các bộ, ngành và đối tượng chịu tác động
law_stage_decree-appraisal = Thẩm định của Bộ Tư pháp
law_stage_decree-government_submission = Trình Chính phủ
law_stage_decree-adoption = Chính phủ ban hành
law_stage_circular-drafting = Soạn thảo dự thảo thông tư
law_stage_circular-consultation = Lấy ý kiến các cơ quan, đơn vị liên quan
law_stage_circular-appraisal = Thẩm định của tổ chức pháp chế
law_stage_circular-adoption = Bộ trưởng ký ban hành
## Conferences, inspections and outreach
nav-inspections = Kiểm tra lực lượng
nav-outreach = Tuyên truyền, phổ biến
entity-conference = Hội nghị, cuộc họp
entity-inspection = Đợt kiểm tra lực lượng tại phái bộ
entity-inspection_check = Kết quả kiểm tra theo nội dung
entity-inspection_finding = Phát hiện qua kiểm tra
entity-health_finding = Phát hiện về sức khỏe qua kiểm tra
entity-inspection_recommendation = Kiến nghị qua kiểm tra
entity-outreach_activity = Hoạt động tuyên truyền, phổ biến
entity-outreach = Hoạt động tuyên truyền, phổ biến
entity-statistics = Số liệu thống kê tổng hợp
validation-directive_unknown_conference = không có hội nghị này
validation-task_unknown_mission = không có phái bộ này
validation-conference_unknown_body = không có cơ quan điều phối này
validation-conference_too_many_agencies = một hội nghị ghi tối đa 100 cơ quan dự
validation-inspection_choose_team = hãy chọn đoàn kiểm tra trong danh sách cơ quan điều phối
validation-inspection_choose_mission = hãy chọn phái bộ trong danh sách
validation-inspection_ends_before_it_starts = ngày kết thúc không được trước ngày bắt đầu
validation-inspection_unit_not_at_mission = đơn vị này không hoạt động tại phái bộ được kiểm tra
validation-inspection_unknown_unit = không có đơn vị này
validation-inspection_choose_an_area = hãy chọn ít nhất một nội dung kiểm tra
validation-inspection_area_out_of_scope = nội dung này không thuộc phạm vi đợt kiểm tra
validation-inspection_unit_not_visited = đơn vị này không có trong danh sách được kiểm tra
validation-inspection_unknown_finding = không có phát hiện này trong đợt kiểm tra
validation-outreach_reach = hãy nhập một số nguyên không âm, tối đa 200 triệu
validation-outreach_peacekeepers_day = Ngày Quốc tế những người gìn giữ hòa bình Liên hợp quốc là ngày 29/5
validation-outreach_too_many_documents = một hoạt động ghi tối đa 20 văn bản
tasks-mission = Phái bộ liên quan
conferences-title = Hội nghị, cuộc họp
conferences-none = Chưa có hội nghị nào.
conferences-directives = Chỉ đạo đã ban hành
conferences-no_directives = Hội nghị chưa có chỉ đạo nào.
conferences-no_agencies = Chưa ghi cơ quan dự.
conferences-new = Ghi nhận hội nghị, cuộc họp
conferences-record = Ghi nhận hội nghị
conferences-no_body = Không thuộc cơ quan điều phối nào
conferences-tasks = Số nhiệm vụ
conferences-new_directive = Ban hành chỉ đạo của hội nghị
conference_field-title = Tên hội nghị, cuộc họp
conference_field-held_on = Ngày họp
conference_field-body_id = Cơ quan điều phối
conference_field-chair = Người chủ trì
conference_field-place = Địa điểm
conference_field-agencies = Các cơ quan dự
conference_field-agenda = Chương trình
conference_field-conclusions = Kết luận
conference_field-conclusion_document_id = Thông báo kết luận trong hệ thống văn bản
inspections-title = Kiểm tra lực lượng tại phái bộ
inspections-none = Chưa có đợt kiểm tra nào.
inspections-dates = Thời gian
inspections-findings = Phát hiện
inspections-open_recommendations = Kiến nghị chưa xong
inspections-new = Ghi nhận đợt kiểm tra
inspections-record = Ghi nhận đợt kiểm tra
inspections-print = In báo cáo kết quả kiểm tra
inspections-checklist = Nội dung kiểm tra
inspections-area = Nội dung
inspections-result = Kết quả
inspections-no_findings = Chưa ghi phát hiện nào.
inspections-recommendations = Kiến nghị
inspections-no_recommendations = Chưa có kiến nghị nào.
inspections-recommendation = Kiến nghị
inspections-follow_up = Theo dõi thực hiện
inspections-followed_up = Đã thực hiện xong
inspections-record_check = Ghi kết quả theo nội dung
inspections-add_finding = Thêm phát hiện
inspections-no_unit = Không gắn với đơn vị cụ thể
inspections-add_recommendation = Thêm kiến nghị, giao nhiệm vụ
inspections-answers_finding = Kiến nghị cho phát hiện
inspections-no_finding = Kiến nghị chung
inspection_field-title = Tên đợt kiểm tra
inspection_field-team_id = Đoàn kiểm tra
inspection_field-mission = Phái bộ
inspection_field-from_on = Từ ngày
inspection_field-to_on = Đến ngày
inspection_field-units = Các đơn vị được kiểm tra
inspection_field-areas = Nội dung kiểm tra
inspection_field-note = Ghi chú
finding_field-severity = Mức độ
finding_field-description = Nội dung phát hiện
finding_field-unit_id = Đơn vị liên quan
recommendation_field-task_title = Nội dung kiến nghị
recommendation_field-product = Sản phẩm phải hoàn thành
recommendation_field-due_on = Thời hạn thực hiện
check_area-living_conditions = Điều kiện sinh hoạt, làm việc
check_area-equipment = Trang thiết bị
check_area-discipline = Kỷ luật, điều lệnh
check_area-health = Sức khỏe, y tế
check_area-training = Huấn luyện
check_area-regimes = Chế độ, chính sách
check_area-coordination = Phối hợp với phái bộ
check_result-pending = Chưa đánh giá
check_result-satisfactory = Đạt yêu cầu
check_result-needs_improvement = Cần khắc phục
check_result-unsatisfactory = Không đạt
check_result-withheld = Chỉ cán bộ y tế được xem
severity-minor = Nhẹ
severity-moderate = Trung bình
severity-serious = Nghiêm trọng
severity-critical = Đặc biệt nghiêm trọng
outreach-title = Tuyên truyền, phổ biến giáo dục pháp luật
outreach-by_year = Số hoạt động theo năm
outreach-by_agency_and_kind = Chi tiết theo cơ quan và hình thức
outreach-none = Chưa có hoạt động nào.
outreach-year = Năm
outreach-activities = Hoạt động
outreach-reach = Người tham dự / người xem
outreach-new = Ghi nhận hoạt động
outreach-record = Ghi nhận hoạt động
outreach_field-kind = Hình thức
outreach_field-title = Tên hoạt động
outreach_field-held_on = Ngày tổ chức
outreach_field-agency = Cơ quan tổ chức
outreach_field-place = Địa điểm
outreach_field-audience = Đối tượng
outreach_field-participants = Số người tham dự
outreach_field-viewers = Số lượt xem, nghe, đọc
outreach_field-documents = Văn bản được phổ biến
outreach_field-materials = Tài liệu sử dụng, phát hành
outreach_kind-law_training = Tập huấn, phổ biến pháp luật
outreach_kind-media = Báo chí, truyền thông
outreach_kind-exhibition = Triển lãm
outreach_kind-publication = Xuất bản phẩm
outreach_kind-competition = Cuộc thi
outreach_kind-peacekeepers_day = Ngày Quốc tế những người gìn giữ hòa bình (29/5)
outreach_kind-other = Hình thức khác
tasks-all = Xem tất cả nhiệm vụ
tasks-unit = Đơn vị liên quan
tasks-dossier = Hồ sơ cử lực lượng liên quan
tasks-open_dossier = Mở hồ sơ
validation-task_unknown_unit = không có đơn vị này
validation-task_unknown_dossier = không có hồ sơ này
inspections-evidence = Tài liệu, hình ảnh chứng minh
inspections-add_evidence = Thêm tệp chứng minh
inspections-attach = Tải lên
entity-finding_evidence = Tệp chứng minh phát hiện qua kiểm tra
entity-health_evidence = Tệp chứng minh phát hiện về sức khỏe
inspections-people = Cán bộ được gặp, kiểm tra
inspections-people_count = Số cán bộ được gặp
inspections-add_person = Cán bộ đang làm nhiệm vụ tại phái bộ trong thời gian kiểm tra
inspections-record_person = Ghi nhận
validation-inspection_person_not_at_mission = cán bộ này không làm nhiệm vụ tại phái bộ trong thời gian kiểm tra
validation-inspection_person_twice = cán bộ này đã được ghi nhận
entity-inspection_person = Cán bộ được gặp trong đợt kiểm tra
conferences-members = Thành viên dự
conferences-members_of = Thành viên dự —
conferences-no_members = Chưa ghi thành viên dự.
validation-conference_member_of_another_body = chỉ chọn thành viên của cơ quan điều phối đã họp
tasks-no_mission = Không gắn với phái bộ cụ thể
tasks-no_unit = Không gắn với đơn vị cụ thể
tasks-no_dossier = Không gắn với hồ sơ cụ thể
tasks-law_project = Dự án xây dựng văn bản liên quan
tasks-no_law_project = Không gắn với dự án cụ thể
tasks-open_law_project = Mở dự án
home-tasks = Nhiệm vụ theo chỉ đạo

## Lỗi của tệp nhập và giới hạn của tệp

import-column_missing = thiếu cột này
import-column_twice = cột này xuất hiện hai lần
import-column_unknown = cột thứ { $position } không phải là một trong các cột: { $expected }
import-empty_worksheet = trang tính đầu tiên trống
import-line_unreadable = không đọc được dòng này: { $detail }
import-line_width = dòng này có { $values } giá trị, trong khi dòng tiêu đề có { $header } cột
import-may_not_add_people = bạn không có quyền thêm nhân sự vào đơn vị { $code }
import-may_not_change_records = bạn không có quyền sửa hồ sơ của người mang số hiệu { $number }
import-no_agency_code = không có cơ quan, đơn vị nào mang mã “{ $code }”
import-no_person_with_number = không có người nào thuộc lực lượng “{ $service }” mang số hiệu “{ $number }”
import-no_worksheet = tệp không có trang tính nào
import-service_number_taken = số hiệu { $number } đã được dùng trong lực lượng { $service }
import-unknown_specialty = chuyên môn “{ $code }” không có trong danh mục
import-unreadable_csv = không đọc được tệp dưới dạng CSV: { $detail }
import-unreadable_xlsx = không đọc được tệp dưới dạng XLSX: { $detail }
limit-cell_bytes = tệp có ô dài hơn { $max } byte
limit-cells = tệp có hơn { $max } ô
limit-columns = tệp có ô nằm ngoài cột thứ { $max }
limit-entries = tệp chứa hơn { $max } mục nén
limit-ratio = tệp giải nén ra lớn gấp hơn { $max } lần kích thước nén
limit-rows = tệp có hơn { $max } dòng
limit-shared_string_mib = tệp có chuỗi dùng chung lớn hơn { $max } MiB
limit-shared_strings = tệp khai báo hơn { $max } chuỗi dùng chung
limit-text_mib = tệp chứa hơn { $max } MiB văn bản
limit-unpacked_mib = tệp giải nén ra hơn { $max } MiB

## Việc không thực hiện được: bước của hồ sơ, đợt triển khai, phương án, cơ quan

agency-still_in_use = cơ quan này vẫn còn đơn vị trực thuộc hoặc người dùng
deployment-already_active = người này đang có một đợt triển khai chưa kết thúc (số { $deployment }); hãy cho về nước hoặc rút về trước
deployment-changed_meanwhile = đợt triển khai vừa được người khác thay đổi; hãy tải lại trang
dispatch-closed = hồ sơ đang ở trạng thái “{ $status }” nên không nhận thêm thao tác nào
dispatch-comment_required = cần ghi ý kiến khi trả lại hoặc không chấp thuận một bước
dispatch-missing_documents = cần đính kèm các tài liệu sau trước khi chấp thuận: { $documents }
dispatch-nothing_to_return_to = bước đầu tiên không có bước nào trước đó để trả lại; hãy chọn không chấp thuận
dispatch-step_not_active = bước này đang ở trạng thái “{ $status }”, không chờ quyết định: các bước được quyết định lần lượt, mỗi bước một lần
dispatch-step_without_role = bước này không ghi vai trò hợp lệ nào: cần sửa mẫu thủ tục
planning-already_deployed = { $name } đang có một đợt triển khai chưa kết thúc (số { $deployment }); hãy chốt hoặc loại người này để lập phương án không có họ
