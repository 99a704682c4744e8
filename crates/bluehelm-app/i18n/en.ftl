# Bluehelm: every interface text in English (Fluent). The key "a.b" in code is the id "a-b" here.

## agencies

agencies-caption = The agency tree
agencies-new = New agency
agencies-title = Agencies

## agency

agency-code = Code
agency-delete_help = Only an agency without sub-agencies or users can be deleted.
agency-delete_title = Delete the agency
agency-kind = Kind
agency-name = Name
agency-name_en = Name in English
agency-name_vi = Name in Vietnamese
agency-no_parent = — None (ministry or state body) —
agency-parent = Parent agency
agency-confirm_delete = I confirm deleting this agency: it cannot be undone

## audit

audit-action = Action
audit-actor = Actor
audit-after = After:
audit-at = Time (Viet Nam)
audit-before = Before:
audit-caption = Events, newest first
audit-any = All
audit-change = Change
audit-entity = Entity
audit-entity_id = Entity id
audit-from = From
audit-system = system
audit-title = Audit trail
audit-to = To
audit-withheld = Values withheld: your role may not read this kind of record.

## catalogues

catalogues-category = Category
catalogues-code = Code
catalogues-max_age = Highest age
catalogues-medical_through_end = Medical fitness must last to the end of the tour
catalogues-min_age = Lowest age
catalogues-name_en = English name
catalogues-name_vi = Vietnamese name
catalogues-passport_months = Months a passport must stay valid after the tour
catalogues-personnel_type = Personnel type
catalogues-rest_months = Months at home after a tour before the next
catalogues-save_hint = A new code adds an entry; a known code changes that entry.
catalogues-settings = Eligibility settings
catalogues-title = Catalogues and eligibility settings
catalogues-validity_months = Valid for (months)
catalogues-weights = Suitability weights
catalogues-weights_help = Points the planner gives eligible people; every proposal explains its score with them.

## category

category-civilian = Civilians
category-mnd_armed = Armed forces, Ministry of National Defence
category-mps_armed = Armed forces, Ministry of Public Security

## decision

decision-adjust = Adjust
decision-extend = Extend the term
decision-send = Send
decision-withdraw = Withdraw

## deployment

deployment-appointment = Appointment
deployment-arrived_on = Arrived on
deployment-departed_on = Departed on
deployment-move = Change the status
deployment-plan = Plan a deployment
deployment-planned = Planned dates
deployment-planned_departure = Planned departure
deployment-planned_end = End of tour
deployment-reason = Reason
deployment-returned_on = Returned on
deployment-save = Save
deployment-status = Status
deployment-un_index = UN index number

## deployment_status

deployment_status-approved = Approved
deployment_status-deployed = Deployed
deployment_status-extended = Extended
deployment_status-planned = Planned
deployment_status-pre_deployment = Pre-deployment
deployment_status-returned = Returned
deployment_status-withdrawn = Withdrawn

## deployments

deployments-none = No deployments yet.
deployments-title = Deployments

## document

document-diplomatic_passport = Diplomatic passport
document-expires_on = Expires
document-issued_on = Issued
document-kind = Kind
document-national_id = National identity card
document-number = Number
document-official_passport = Official passport
document-passport = Passport
document-visa = Visa

## dossier

dossier-approve = Approve
dossier-attach = Attach
dossier-basis = Legal basis
dossier-category = Force category
dossier-comment = Comment
dossier-dated = Dated
dossier-decision = Decision
dossier-document_kind = Kind of document
dossier-documents = Documents
dossier-file = File
dossier-history = History
dossier-needs = Needs:
dossier-no_documents = No documents yet.
dossier-no_people = The dossier names no individuals.
dossier-open = Open a dossier
dossier-people = People in the dossier
dossier-reject = Reject
dossier-return = Return
dossier-status = Status
dossier-step = Step
dossier-steps = Steps of the procedure
dossier-title_field = Dossier
dossier-confirm_reject = I confirm the rejection: the dossier stops and cannot go on

## dossier_status

dossier_status-approved = Approved
dossier_status-in_progress = In progress
dossier_status-rejected = Rejected

## dossiers

dossiers-all = All dossiers
dossiers-longest = Longest wait
dossiers-none = No dossiers yet.
dossiers-nothing_waits = No dossier is waiting.
dossiers-open_hint = Dossiers are opened from a UN request:
dossiers-overdue = Overdue
dossiers-title = Dispatch dossiers
dossiers-waited = Waited / limit
dossiers-waiting = Where dossiers wait
dossiers-waiting_count = Waiting

## enrolment

enrolment-enrolled = Enrolled
enrolment-failed = Failed
enrolment-passed = Passed
enrolment-withdrawn = Withdrawn

## error

error-bad_request = Bad request
error-csrf = The form has expired
error-forbidden = Not allowed
error-internal = Internal error
error-invalid = Invalid input
error-not_found = Not found
error-forbidden_who = Your role may not do this. It is for: { $roles }.
error-csrf_detail = The form has expired; reload the page and try again.
error-internal_detail = Something went wrong on the server; the event has been logged.
error-not_found_detail = Nothing was found here: the address may be wrong, or the record gone.
error-too_large_detail = What was sent is larger than the server accepts.
error-unauthenticated_detail = You are not signed in, or your session has expired.
error-forbidden_nobody = No role may do this.

## expiries

expiries-caption = Expiring records, soonest first
expiries-days = days
expiries-days_ahead = Days ahead
expiries-expires_on = Expires
expiries-none = Nothing expires in this period.
expiries-record = Record
expiries-show = Show
expiries-title = Expiring records
expiries-within = Expiring within

## expiry

expiry-expired = Expired
expiry-in_days = Days left:

## files

files-clean = The file is clean (checked only, nothing written); rows:
files-column = Column
files-dry_run = Check only, write nothing
files-duplicates = Possibly the same person as someone else (same name and date of birth), lines:
files-export = Export
files-faults = Faults:
files-file = CSV or XLSX file
files-import = Import a file
files-kind = What the file holds
files-kind-documents = Identity documents
files-kind-languages = Language tests
files-kind-people = People
files-kind-qualifications = Qualifications
files-line = Line
files-nothing_written = nothing written
files-reason = Reason
files-title = Import and export
files-upload = Upload
files-written = The whole file was written; rows:

## footer

footer-text = Bluehelm — the system of record for participation in UN peacekeeping.

## form

form-any = Any
form-create = Create
form-delete = Delete
form-filter = Filter
form-fix_errors = Please correct the marked fields.
form-save = Save
form-saved = Saved.
form-search = Search

## gender

gender-female = Female
gender-male = Male

## home

home-agencies = Agencies in the system
home-agency = Agency
home-roles = Roles
home-my_work = My work
home-my_steps = Dossier steps waiting for my decision
home-no_steps = No dossier step is waiting for you.
home-waiting_days = waiting (days):
home-overdue_days = overdue (days):
home-expiring_soon = Records expiring within
home-title = Home
home-unread_notices = Unread notices:
home-username = User name
home-welcome = Welcome

## incident

incident-add = Record
incident-follow_up = Follow-up
incident-health_hidden = Health details are for the medical role.
incident-kind = Kind
incident-none = No incidents.
incident-occurred_on = Occurred on
incident-summary = Summary
incident-title = Incidents during the tour
incident-dated = Date
incident-note = What was done
incident-closes = Settled: close the incident
incident-record_follow_up = Record the follow-up
incident-closed_on = Closed on { $date }
incident-open = Followed up
incident-follow_up_of = Follow-up of the incident of { $date }

## incident_kind

incident_kind-death = Death
incident_kind-discipline = Discipline
incident_kind-illness = Illness
incident_kind-injury = Injury

## kind

kind-department = Department
kind-ministry = Ministry
kind-state_body = State body
kind-unit = Unit

## lang

lang-switch = Tiếng Việt

## language

language-language = Language
language-level = Level (CEFR)
language-score = Score
language-test = Test
language-tested_on = Tested on
language-valid_until = Valid until

## login

login-bad_credentials = Wrong user name or password.
login-disabled = This account is disabled; ask an administrator.
login-locked = Too many failed sign-ins with this user name from this device; it is locked until
login-password = Password
login-submit = Sign in
login-throttled = Too many attempts from this address; try again in a minute.
login-title = Sign in
login-username = User name

## medical

medical-examined_on = Examined on
medical-restrictions = Restrictions
medical-status = Status
medical-valid_until = Valid until

## message

message-agency_code_taken = another agency already has this code
message-agency_not_found = no agency has this id
message-agency_out_of_scope = this agency is outside the ones you may see
message-not_eligible = not eligible; a coordinator may approve with a written reason
message-own_admin_role = you cannot remove your own admin role or disable yourself
message-username_taken = another account already has this user name
message-plan_no_such_position = no such position in this request
message-plan_not_in_pool = not in the pool you may read
message-plan_too_many_pins = more people pinned than the position has posts
message-plan_same_person = a pair needs two different people
message-plan_pinned_not_eligible = not eligible, so they cannot be pinned there
message-plan_pinned_and_forbidden = both pinned and left out
message-plan_pinned_twice = pinned to two posts
message-plan_cannot_be_met = no plan can meet this
message-plan_not_found_in_time = no plan meeting the limit was found within the search's budget
message-unknown_specialty = this specialty is not in the catalogue
message-unknown_mission = this mission is not in the register of missions
message-unknown_qualification = this qualification kind is not in the catalogue
message-unknown_language = this language is not in the list
message-confirm_reject = tick the confirmation before rejecting the dossier
message-confirm_delete = tick the confirmation before deleting

## mission

mission-days = days
mission-ended = Mandate ended on
mission-expiring = Mandate ends soon:
mission-open_ended = Open-ended
mission-until = Until

## missions

missions-add_resolution = Add a resolution
missions-adopted = Adopted
missions-caption = Missions and their mandates
missions-ceilings = Ceilings
missions-closed = Closed
missions-code = Mission
missions-deployed = Deployed
missions-deployed_now = Deployed now by mission, type and gender
missions-establishes = establishes
missions-host = Host
missions-mandate = Mandate
missions-mandate_end = Mandate ends
missions-map = Where our people are
missions-map_caption = Missions with Vietnamese personnel:
missions-name = Name
missions-nobody = Nobody is deployed now.
missions-people = People
missions-police = police
missions-resolution = Resolution
missions-resolutions = Security Council resolutions
missions-started = Started
missions-title = Missions
missions-troops = troops
missions-votes = For–against–abstaining
missions-warnings = Mandates to watch

## nav

nav-agencies = Agencies
nav-audit = Audit trail
nav-catalogues = Catalogues
nav-deployments = Deployments
nav-dossiers = Dossiers
nav-expiries = Notices, expiries
nav-home = Home
nav-menu = Menu
nav-label = Main navigation
nav-logout = Sign out
nav-missions = Missions
nav-people = People
nav-requests = UN requests
nav-skip = Skip to main content
nav-training = Training
nav-units = Units
nav-users = Users

## notice

notice-expires_on = expires on
notice-legal_ended = Document { $number } ends on { $on } — { $days } days left. See the procedures and decisions that cite it.
notice-legal_replaced = Document { $number } is replaced from { $on } — { $days } days left. See the procedures and decisions that cite it.
notice-legal_subject = A legal document is about to end
notice-record-document = Identity document
notice-record-language = Language test
notice-record-medical = Medical fitness
notice-record-qualification = Qualification
notice-subject = Expiring soon

## notices

notices-day_notice = days' notice
notices-none = No notices.
notices-read_all = Mark all read
notices-title = My notices
notices-unread = unread

## pager

pager-label = Pages
pager-next = Next page
pager-previous = Previous page

## people

people-caption = People
people-files = Import / export files
people-language = Language
people-level_at_least = Level at least
people-new = Add a person
people-search = Search by name (accents optional)
people-title = Personnel pool

## person

person-add_document = Add a document
person-add_language = Add a language test
person-agency = Agency
person-birth_date = Date of birth
person-documents = Identity documents
person-duplicates = This may be the same person as (same name and date of birth):
person-duplicates_elsewhere = Other agencies hold { $count } more records with the same name and date of birth; ask the Viet Nam Department of Peacekeeping Operations to check them.
person-expiring_warning = Some records have expired or expire soon
person-family_name = Family name
person-gender = Gender
person-given_name = Given name
person-languages = Languages
person-medical = Medical fitness
person-middle_name = Middle name
person-name = Name
person-no_rank = No rank (civilian)
person-phone = Phone
person-preferences = Missions asked for
person-preferences_help = Up to three missions this person has asked to serve in; the planner scores a tour in one of them higher.
person-preferences_none = No mission asked for.
person-qualifications = Qualifications
person-rank = Rank
person-service = Service
person-service_number = Service number
person-specialties = Specialties
person-specialty = Specialty
person-status = Status
person-training = Training

## personnel

personnel-civilian = Civilian
personnel-formed_unit = Formed unit
personnel-individual_police = Individual police officer
personnel-military_observer = Military observer
personnel-staff_officer = Staff officer

## personnel_type

personnel_type-civilian = Civilian
personnel_type-formed_unit = Formed unit
personnel_type-individual_police = Individual police officer
personnel_type-military_observer = Military observer
personnel_type-staff_officer = Staff officer

## plan

plan-accept = Accept and nominate
plan-accept_unit = Plan these people as the rotation's deployments
plan-apart = Go apart (at most one of them)
plan-bound = no plan can exceed
plan-dossier = Dossier
plan-filled = Posts filled
plan-forbid = Forbid
plan-max_per_agency = At most this many per agency
plan-min_women = At least this many women
plan-needs_dossier = Open a dispatch dossier for this unit to plan these people as its deployments.
plan-pairs = eligible pairs
plan-pairs_help = Choose two people of the plan or its runners-up and solve again; the pairs chosen stay.
plan-pin = Pin
plan-pinned = pinned
plan-pool = Pool considered
plan-propose = Propose a plan
plan-runners_up = Not chosen
plan-score = Suitability
plan-solve_again = Solve again
plan-status = Proof
plan-status-gap = best found, not yet proven
plan-status-optimal = proven optimal
plan-title = Proposed plan
plan-together = Go together (both or neither)
plan-unfilled = No eligible person
plan-why = Why

## qualification

qualification-expires_on = Expires
qualification-issued_on = Issued
qualification-kind = Qualification
qualification-reference = Reference

## readiness

readiness-level_1 = Level 1
readiness-level_2 = Level 2
readiness-level_3 = Level 3
readiness-rapid_deployment = Rapid deployment

## request

request-count = Number
request-deadline = Nomination deadline
request-eligible = Eligible
request-language = Language
request-min_level = Lowest level
request-months = months
request-no_nominations = No nominations yet.
request-nominate = Nominate
request-note = Note
request-personnel_type = Personnel type
request-position = Position
request-posts = Nominated / posts
request-received = Received
request-reference = Note verbale
request-specialty = Specialty
request-status = Status
request-tour_months = Tour length (months)
request-tour_start = Tour starts
request-verdict = Eligibility

## request_status

request_status-answered = Answered
request_status-closed = Closed
request_status-declined = Declined
request_status-nominated = Nominated
request_status-received = Received
request_status-selected = Selected by the UN

## requests

requests-create = Record the request
requests-new = New UN request
requests-none = No requests yet.
requests-title = UN requests

## resolution

resolution-adopted_on = Adopted on
resolution-mandate_ends_on = Mandate ends on
resolution-note = Note
resolution-number = Number, e.g. 2779 (2025)
resolution-police_ceiling = Police ceiling
resolution-troop_ceiling = Troop ceiling
resolution-votes_abstaining = Abstaining
resolution-votes_against = Votes against
resolution-votes_for = Votes for

## role

role-admin = Administrator
role-agency_officer = Agency officer
role-approver = Approver
role-auditor = Auditor
role-coordinator = Coordinator
role-finance = Finance
role-inspector = Inspector
role-medical = Medical
role-viewer = Viewer

## service

service-air_force = Air force
service-army = Army
service-border_guard = Border guard
service-civilian = Civilian
service-navy = Navy
service-police = Police

## status

status-available = Available
status-deployed = Deployed
status-in_training = In training
status-nominated = Nominated
status-retired = Retired
status-unavailable = Unavailable

## step_status

step_status-active = Open
step_status-approved = Approved
step_status-rejected = Rejected
step_status-waiting = Waiting

## training

training-all = All courses
training-awards = Qualification awarded
training-capacity = Seats
training-course = Course
training-create = Create the course
training-edit = Edit the course
training-back = Back to the course
training-dates = Dates
training-ends_on = Ends
training-enrol = Enrol a person
training-enrolments = Enrolments
training-new = New course
training-no_courses = No courses yet.
training-no_enrolments = Nobody is enrolled yet.
training-none = No training recorded.
training-place = Place
training-provider = Provider
training-record_result = Record the result
training-result_on = Result date
training-save = Save
training-score = Score
training-seats = Seats taken
training-starts_on = Starts
training-status = Outcome
training-title = Training courses
training-title_field = Title
training-upcoming = Upcoming and current courses

## unit_kind

unit_kind-engineering = Engineering
unit_kind-field_hospital = Field hospital
unit_kind-formed_police = Formed police
unit_kind-infantry = Infantry
unit_kind-other = Other

## units

units-add_position = Add a position
units-create = Create the unit
units-deploys_on = Deployed on
units-evidence = Evidence (visit report)
units-kind = Kind
units-members = Members
units-name = Name
units-new = New unit
units-next_departs = Next rotation leaves
units-no_positions = No positions yet.
units-no_readiness = No readiness recorded.
units-none = No units yet.
units-organisation = Table of organisation
units-overlap_days = Hand-over overlap (days)
units-pipeline = Filled / posts
units-propose_plan = Propose a plan for the next rotation
units-readiness = Readiness (PCRS)
units-readiness_history = Readiness history
units-record = Record
units-rotation = Rotation
units-title = Units
units-tour_ends = Tour ends
units-tour_months = Tour (months)
units-unit = Unit
units-edit = Edit the unit
units-back = Back to the unit
units-edit_position = Edit the line
units-remove_position = Remove the line
units-confirm_line_removal = I confirm removing this line from the table of organisation
units-asks = What it asks of the holder
message-confirm_line_removal = tick the confirmation box to remove this line from the table of organisation
audit_field-name = Name
audit_field-rotation = Rotation
audit_field-overlap_days = Hand-over days
audit_field-deploys_on = Deployed on
audit_field-specialty = Specialty
audit_field-min_level = Lowest language level
audit_field-min_rank = Lowest rank
audit_field-max_rank = Highest rank
audit_field-qualification = Qualification asked
audit_field-evidence = Evidence

## user

user-active = Active
user-agency = Agency
user-disabled = Disabled
user-display_name = Full name
user-email = E-mail
user-password = Password (at least 12 characters)
user-roles = Roles
user-set_password = Set a new password
user-status = Status
user-username = User name

## users

users-caption = User accounts
users-new = New user
users-search = Search by name or e-mail
users-title = Users

## weights

weights-experience_max_tours = Tours counted at most
weights-experience_per_tour = Points per tour completed
weights-language_per_level = Each language level above the one asked
weights-preference = Points for a mission the person asked for
weights-rank_fit = Points at the rank asked
weights-rank_step_loss = Points lost per rank step away
weights-rest_max_months = Months at home counted at most
weights-rest_per_three_months = Each 3 months at home since the last tour
weights-specialty = Specialty asked for
weights-training_each = Each valid UN course
weights-training_max_count = UN courses counted at most

## eligibility: why a person may not fill a post

eligibility-status = status is { $status }
eligibility-service = serves in { $service }; the position needs { $wanted }
eligibility-rank_none = holds no rank; the position needs one
eligibility-rank_below = rank grade { $grade } is below the lowest accepted ({ $lowest })
eligibility-rank_above = rank grade { $grade } is above the highest accepted ({ $highest })
eligibility-specialty = has none of the specialties asked for: { $wanted }
eligibility-gender = the position is for: { $gender }
eligibility-age = will be { $age } when the tour starts on { $start }; { $personnel } posts take ages { $min } to { $max }
eligibility-language_below = { $language } level { $level } is below the required { $required }
eligibility-language_missing = no { $language } test valid on { $start } (level { $required } required)
eligibility-qualification_missing = does not hold { $qualification }
eligibility-qualification_expires = { $qualification } expires { $expiry }, { $gap_unit ->
        [months] { $gap } months
       *[days] { $gap ->
            [one] 1 day
           *[other] { $gap } days
        }
    } before the tour ends
eligibility-passport_none = has no passport on record
eligibility-passport_before_end = passport expires { $expiry }, { $gap_unit ->
        [months] { $gap } months
       *[days] { $gap ->
            [one] 1 day
           *[other] { $gap } days
        }
    } before the tour ends
eligibility-passport_short = passport expires { $expiry }, { $gap_unit ->
        [months] { $gap } months
       *[days] { $gap ->
            [one] 1 day
           *[other] { $gap } days
        }
    } after the tour ends; { $months } months are required
eligibility-medical_none = has no medical examination on record
eligibility-medical_not_cleared = is not medically cleared for deployment
eligibility-medical_ends = medical clearance ends { $until }, before { $needed }
eligibility-rest = came home { $returned }; { $months } months of rest end { $rested }, after the tour starts

## language names

language_name-ar = Arabic
language_name-en = English
language_name-es = Spanish
language_name-fr = French
language_name-pt = Portuguese
language_name-ru = Russian
language_name-zh = Chinese

## words that join values

word-or_between = { " or " }

## suitability: what earned a person their points

criterion-experience = Experience
criterion-language = Language
criterion-preference = Preference
criterion-rank = Rank
criterion-rest = Rest
criterion-specialty = Specialty
criterion-training = UN training
score-specialty = specialty asked for: { $specialty }
score-training = UN courses: { $courses }
score-language = { $language } { $level } ({ $above } above { $floor })
score-home_since = home since { $returned }
score-never_deployed = never deployed
score-experience = { $tours ->
        [one] 1 tour completed
       *[other] { $tours } tours completed
    }
score-rank_asked = the rank asked
score-rank_steps = { $steps ->
        [one] 1 step from the rank asked
       *[other] { $steps } steps from the rank asked
    }
score-preference = asked to serve in { $mission }

## why a runner-up was not chosen

plan-reason_forbidden = left out by the planner
plan-reason_points_below = { $points } points below the lowest chosen for this position ({ $lowest })
plan-reason_tied = as suitable as those chosen, but they fill more posts elsewhere or tie on order
plan-reason_unfilled = no post of this position was filled

## why no plan can be made

plan-person = person no. { $person }
plan-person_for_position = person no. { $person } for "{ $position }"
plan-fault_quota = at least { $needed } women are asked for, but at most { $most } eligible women can take these posts
plan-fault_cap = agency { $agency } may send at most { $cap }, but { $pinned } of its people are pinned
plan-fault_together = each limit alone can be met, but not all of them together
plan-fault_pinned_apart = persons no. { $first } and { $second } must not go together, but both are pinned
plan-fault_partner = person no. { $partner } must go with person no. { $pinned }, who is pinned, but can take no post

## names of what the audit trail records

audit_action-create = Create
audit_action-update = Update
audit_action-delete = Delete
audit_action-login = Sign-in
audit_action-login_failed = Failed sign-in
audit_action-logout = Sign-out
audit_action-permission_denied = Permission denied
audit_action-token_created = Token created
audit_action-token_revoked = Token revoked
audit_action-password_changed = Password changed
audit_action-seed = Initial data
audit_action-medical_read = Medical record read
audit_action-backup = Backup
audit_action-chain_checked = Audit trail checked
entity-agency = Agency
entity-user = Account
entity-api_token = API token
entity-session = Session
entity-person = Person
entity-identity_document = Identity document
entity-language_test = Language test
entity-qualification = Qualification
entity-enrolment = Enrolment
entity-nomination = Nomination
entity-mission_preference = Mission preference
entity-notice = Notice
entity-medical_fitness = Medical fitness
entity-specialty = Specialty
entity-qualification_kind = Qualification kind
entity-setting = Setting
entity-workflow_template = Workflow template
entity-training_course = Training course
entity-mission = Mission
entity-mandate_resolution = Mandate resolution
entity-un_request = UN request
entity-formed_unit = Formed unit
entity-unit_position = Unit position
entity-readiness_change = Readiness change
entity-dossier = Dossier
entity-dossier_document = Dossier document
entity-dossier_step = Dossier step
entity-deployment = Deployment
entity-incident = Incident
entity-incident_follow_up = Incident follow-up
entity-police_assessment = AMS assessment
entity-database = Database
entity-audit_entry = Audit trail

## events of a dossier

dossier_event-opened = Opened
dossier_event-document = Document attached
dossier_event-approve = Approved
dossier_event-return = Returned
dossier_event-reject = Rejected

## the dispatch procedure

dispatch-choice = Decision: { $decision }, dated { $dated }, forces: { $category }; { $basis } apply.

## where the missions serve

mission_host-UNMISS = South Sudan
mission_host-MINUSCA = Central African Republic
mission_host-UNISFA = Abyei Area
mission_host-UNIFIL = Lebanon
mission_host-MONUSCO = DR Congo
mission_host-UNFICYP = Cyprus
mission_host-UNMIK = Kosovo
mission_host-UNDOF = Golan
mission_host-UNTSO = Middle East
mission_host-UNMOGIP = Kashmir
mission_host-MINURSO = Western Sahara
mission_host-MINUSMA = Mali

## a value quoted

reference-value = the value received: “{ $value }”

## the outcome of the form just sent

flash-saved = Saved.

form-choose = — Choose —
message-unknown_document_kind = this kind of document is not in the list
document_kind-submission = Submission
document_kind-decision = Decision
document_kind-opinion = Written opinion
document_kind-report = Report
document_kind-un_letter = Letter from the United Nations
document_kind-other = Other document
dossier-attach_again = The browser does not keep the chosen file: choose { $file } again.
legal_text-scheme_and_defence_law = the overall scheme of 2012 and the Law on National Defence
legal_text-overall_scheme = Overall scheme on participation in UN peacekeeping
legal_text-constitution = Constitution
legal_text-resolution = Resolution
legal_text-decree = Decree
legal_text-decision = Decision
legal_text-law = Law
legal_text-article = Art.
legal_text-and = { " and " }
qualification_category-un_course = UN course
qualification_category-police_selection = Police selection test
qualification_category-driving_licence = Driving licence
qualification_category-firearms = Firearms
qualification_category-first_aid = First aid
qualification_category-professional = Professional
qualification_category-other = Other
language_test-un = UN test
language_test-ielts = IELTS
language_test-toeic = TOEIC
language_test-toefl = TOEFL
language_test-national = National certificate
language_test-other = Other
medical_status-fit = Fit
medical_status-fit_with_restrictions = Fit with restrictions
medical_status-temporarily_unfit = Temporarily unfit
medical_status-unfit = Unfit
legal_text-defence_law = Law on National Defence
message-nominate_not_eligible = this person does not meet the position's requirements; to nominate them anyway, write the reason
request-nominate_reason = Reason to nominate anyway (kept in the audit trail)
request-change_status = Change the request's status
request-confirm_end = I confirm: declining or closing the request ends the work on it
message-confirm_request_end = tick the confirmation to decline or close the request

## who can fill a position
fits-title = Who can fill this?
fits-back = Back to the request
fits-requirements = What the position asks
fits-summary = { $eligible } eligible among the { $pool } people you may see ({ $committed } already committed to another deployment are left out); { $near } nearly eligible, failing one or two rules; { $far } failing three rules or more.
fits-eligible = Eligible, best suited first
fits-none_eligible = Nobody among the people you may see meets every rule.
fits-score = Suitability
fits-action = Action
fits-nominated = Nominated
fits-more = { $more } more eligible people, less well suited.
fits-near_misses = Nearly eligible
fits-near_misses_hint = Each fails only one or two rules, named beside them. They can still be nominated with a written reason, kept in the audit trail.
fits-none_near = Nobody is nearly eligible.
fits-fails = Rules failed
fits-nominate_anyway = Nominate anyway
request-un_answer = The UN's answer
request-record_answer = Record
request-confirm_removal = I confirm withdrawing this nomination
request-remove_nomination = Withdraw the nomination
request-position_title = Position title
request-line_optional = optional
request-min_rank = Lowest rank
request-max_rank = Highest rank
request-qualification = Qualification required
request-women_only = Women only
nomination_status-nominated = Awaiting the UN's answer
nomination_status-selected = Selected by the UN
nomination_status-not_selected = Not selected
requirement-services = Services: { $services }
requirement-rank_range = Rank from { $lowest } to { $highest }
requirement-rank_from = Rank { $lowest } or above
requirement-rank_to = Rank up to { $highest }
requirement-specialties = Specialty: { $specialties }
requirement-language = { $language } at level { $level } or above
requirement-qualifications = Qualifications: { $qualifications }
requirement-gender = For: { $gender }
requirement-none = Nothing beyond the general rules.
message-unknown_rank = this rank is not in the rank table
message-rank_range_reversed = the highest rank must be at or above the lowest
message-choose_person = choose a person from the list
message-confirm_nomination_removal = tick the confirmation to withdraw the nomination
message-nomination_answered = the UN has answered about this person, so the nomination stays on record
request-add_line = Add position
fits-search = Search by name (accents optional)
fits-find = Search
plan-min_women_per_line = Women at least, on each position
plan-women_by_line = Women by position
plan-women_by_section = Women by section
plan-min_women_per_section = Women at least, in each section
plan-min_women_share_line = Share of women at least, on each position (%)
plan-min_women_share_section = Share of women at least, in each section (%)
plan-at_least = at least
units-section = Section
units-section_hint = Command, a ward, a platoon…: the plan counts women section by section. Choose a section already named or type a new one.
message-plan_women_one_or_other = set one women quota only: for the whole plan, a number per group or a share per group
home-open_requests = UN requests waiting for an answer
home-no_open_requests = No request is waiting.
home-past_deadline = past the nomination deadline
person-edit = Edit details
person-back = Back to the person
missions-edit = Correct or close the mission
missions-new = Add a mission
missions-create = Record the mission
missions-confirm_close = I confirm closing the mission on the date entered
mission_field-code = UN acronym (for example UNMISS)
mission_field-name_vi = Name in Vietnamese
mission_field-name_en = Name in English
mission_field-host = Where it operates
mission_field-latitude = Headquarters latitude (degrees)
mission_field-longitude = Headquarters longitude (degrees)
mission_field-started_on = Started on
mission_field-closed_on = Closed on
message-latitude_range = latitude is a number from -90 to 90
message-longitude_range = longitude is a number from -180 to 180
message-mission_closed_before_start = the closing date must be on or after the start
message-mission_code_taken = a mission with this acronym is already recorded
message-confirm_mission_close = tick the confirmation to close the mission

## audit trail fields
audit_field-status = Status
audit_field-code = Code
audit_field-name_vi = Name in Vietnamese
audit_field-name_en = Name in English
audit_field-title = Title
audit_field-reference = Reference
audit_field-note = Note
audit_field-comment = Comment
audit_field-reason = Reason
audit_field-person_id = Person (number)
audit_field-position_id = Position (number)
audit_field-mission_id = Mission (number)
audit_field-unit_id = Unit (number)
audit_field-dossier_id = Dossier (number)
audit_field-agency_id = Agency (number)
audit_field-request_id = Request (number)
audit_field-family_name = Family name
audit_field-middle_name = Middle name
audit_field-given_name = Given name
audit_field-gender = Gender
audit_field-birth_date = Date of birth
audit_field-rank = Rank
audit_field-rank_code = Rank
audit_field-service = Service
audit_field-service_number = Service number
audit_field-phone = Phone
audit_field-email = E-mail
audit_field-roles = Roles
audit_field-username = User name
audit_field-display_name = Display name
audit_field-disabled = Disabled
audit_field-kind = Kind
audit_field-number = Number
audit_field-issued_on = Issued on
audit_field-expires_on = Expires on
audit_field-level = Level
audit_field-language = Language
audit_field-valid_until = Valid until
audit_field-planned_departure = Planned departure
audit_field-planned_end = Planned end
audit_field-departed_on = Departed on
audit_field-arrived_on = Arrived on
audit_field-returned_on = Returned on
audit_field-appointment = Appointment
audit_field-adopted_on = Adopted on
audit_field-mandate_ends_on = Mandate ends on
audit_field-started_on = Started on
audit_field-closed_on = Closed on
audit_field-host = Where
audit_field-latitude = Latitude
audit_field-longitude = Longitude
audit_field-count = Count
audit_field-positions = Positions
audit_field-received_on = Received on
audit_field-nomination_deadline = Nomination deadline
audit_field-tour_start = Tour start
audit_field-tour_months = Tour (months)
audit_field-personnel_type = Personnel type
audit_field-ineligible_nominated_because = Reason to nominate someone ineligible
audit_field-category = Force category
audit_field-decision = Decision
audit_field-dated = Dated
audit_field-file_name = File name
audit_field-size = Size
audit_field-sha256 = SHA-256
audit_field-action = Action
audit_field-score = Score
audit_field-result_on = Result on
audit_field-path = Place in the agency tree
audit_field-parent_id = Parent agency (number)
audit_field-votes = Votes
audit_field-troop_ceiling = Troop ceiling
audit_field-police_ceiling = Police ceiling
audit_field-examined_on = Examined on
audit_field-restrictions = Restrictions
audit_field-readiness = Readiness
audit_field-specialties = Specialties
audit_field-missions = Missions
audit-field = Field
word-yes = Yes
word-no = No
audit_field-id = Number
audit_field-lang = Interface language
request-edit = Edit the request
request-edit_hint = Correct the note verbale's facts and its positions. To remove a position, clear its title and count; a position with nominations cannot be removed.
request-nominated_count = { $nominated } nominated
message-count_below_nominations = the count cannot be below the people nominated
message-position_has_nominations = a position with nominations cannot be removed; withdraw them first
message-position_not_in_request = this position is not one of the request's

## validation
validation-a_readiness_change_is_recorded_once_it = a readiness change is recorded once it has happened
validation-the_entry_is_incomplete = the entry is incomplete
validation-must_be_a_whole_number_of_months = must be a whole number of months from 1 to 240, or empty for no expiry
validation-must_be_at_most_120_months = must be at most 120 months
validation-must_be_at_most_60_months = must be at most 60 months
validation-appears_twice = appears twice
validation-ages_must_be_from_16_to_75 = ages must be from 16 to 75
validation-the_lowest_age_is_above_the_highest = the lowest age is above the highest
validation-an_extension_must_move_the_end_of = an extension must move the end of tour later
validation-give_the_reason_for_the_withdrawal = give the reason for the withdrawal
validation-an_incident_is_recorded_once_it_has = an incident is recorded once it has happened
validation-must_be_on_or_after_the_departure = must be on or after the departure
validation-the_incident_is_closed = the incident is closed: it takes no more follow-up
validation-a_follow_up_is_recorded_once_done = a follow-up is recorded once it has been done
validation-must_be_on_or_after_the_incident = must be on or after the incident
validation-capacity_below_seats_taken = cannot be less than the seats already taken ({ $taken })
validation-an_assessment_is_recorded_once_held = an assessment is recorded once it has been held
validation-a_part_is_recorded_once = a part is recorded once per assessment
validation-an_assessment_has_a_part = give the score of at least one part
validation-the_ams_is_for_police_officers = only police officers take the AMS
validation-this_assessment_is_recorded = this part of that day's assessment is already recorded
audit_field-closes = Closes the incident
audit_field-incident_id = Incident (number)
audit_field-summary = Summary
audit_field-follow_up = Follow-up
audit_field-occurred_on = Occurred on
validation-the_person_has_not_left_for_the = the person has not left for the mission yet
validation-civilians_hold_no_rank = civilians hold no rank
validation-must_not_be_empty = must not be empty
validation-must_not_contain_control_characters = must not contain control characters
validation-must_not_contain_direction_marks_or_zero = must not contain direction marks or zero-width characters
validation-must_not_contain_or = must not contain < or >
validation-must_be_3_to_64_lower_case = must be 3 to 64 lower-case letters, digits, dots, dashes or underscores
validation-must_be_at_most_256_characters = must be at most 256 characters
validation-is_not_an_e_mail_address = is not an e-mail address
validation-must_name_at_least_one_role = must name at least one role
validation-invalid_user = invalid user
validation-choose_a_file_to_attach = choose a file to attach
validation-the_file_is_empty = the file is empty
validation-must_say_which_restrictions_apply = must say which restrictions apply
validation-must_be_2_to_40_lower_case = must be 2 to 40 lower-case letters, digits, dashes or underscores
validation-must_be_5_to_20_letters_or = must be 5 to 20 letters or digits
validation-the_record_is_incomplete = the record is incomplete
validation-must_be_on_or_after_starts_on = must be on or after starts_on
validation-the_course_is_incomplete = the course is incomplete
validation-must_be_passed_failed_or_withdrawn = must be passed, failed or withdrawn
validation-the_result_is_incomplete = the result is incomplete
validation-must_be_2_to_32_upper_case = must be 2 to 32 upper-case letters, digits or inner dashes
validation-must_be_one_of_ministry_state_body = must be one of ministry, state_body, department, unit
validation-invalid_agency = invalid agency
validation-for_against_and_abstaining_add_up_to = for, against and abstaining add up to more than the Council's 15 members
validation-give_all_three_counts_for_against_abstaining = give all three counts (for, against, abstaining) or none
validation-must_be_on_or_after_adopted_on = must be on or after adopted_on
validation-must_be_written_like_2779_2025 = must be written like 2779 (2025)
validation-must_be_a_mission_code_such_as = must be a mission code such as UNMISS
validation-must_be_a_whole_number_of_months_2 = must be a whole number of months from 1 to 24
validation-a_request_asks_for_at_least_one = a request asks for at least one position
validation-must_be_from_1_to_500 = must be from 1 to 500
validation-must_be_on_or_after_received_on = must be on or after received_on
validation-must_be_on_or_after_nomination_deadline = must be on or after nomination_deadline
validation-must_be_2_to_20_letters_digits = must be 2 to 20 letters, digits, dashes, dots or slashes
validation-must_be_a_date_written_yyyy_mm = must be a date written YYYY-MM-DD
validation-must_be_6_to_15_digits_with = must be 6 to 15 digits, with + - ( ) . or spaces
validation-pages_count_from_1 = pages count from 1
validation-people_files_are_imported_with_import_people = people files are imported with import_people
validation-no_mission_has_this_code = no mission has this code
validation-this_resolution_is_already_recorded = this resolution is already recorded
validation-a_request_with_this_reference_is_already = a request with this reference is already recorded
validation-this_person_is_already_nominated_for_the = this person is already nominated for the position
validation-another_unit_already_has_this_name = another unit already has this name
validation-no_such_record = no such record
validation-the_content_is_not_the_kind_of = the content is not the kind of document its name says
validation-invalid_paging = invalid paging
validation-this_person_is_already_enrolled_on_the = this person is already enrolled on the course
validation-a_result_is_already_recorded = a result is already recorded
validation-the_dossier_was_rejected_no_one_is = the dossier was rejected: no one is sent under it
validation-the_unit_is_not_assigned_to_a = the unit is not assigned to a mission yet
validation-this_person_already_has_an_active_deployment = this person already has an active deployment
validation-the_dossier_is_not_for_this_unit = the dossier is not for this unit
validation-no_person_of_this_service_has_this = no person of this service has this service number
validation-a_level_needs_a_language = a level needs a language
validation-no_agency_has_this_code = no agency has this code
validation-must_be_a_whole_number = must be a whole number
validation-must_be_a_whole_number_from_0 = must be a whole number from 0
validation-choose_a_file_to_upload = choose a file to upload
validation-choose_the_dossier_the_deployments_are_planned = choose the dossier the deployments are planned under
validation-must_be_vi_or_en = must be vi or en
validation-choose_a_parent_agency = choose a parent agency
validation-choose_an_agency = choose an agency
validation-must_be_a_date_yyyy_mm_dd = must be a date YYYY-MM-DD
validation-is_not_a_role = is not a role
validation-must_be_between_1_and_60 = must be between 1 and 60
validation-must_be_between_1_and_730 = must be between 1 and 730
validation-must_be_people_documents_languages_or_qualifications = must be people, documents, languages or qualifications followed by .csv or .xlsx
validation-catalogue_code_taken = the catalogue has an entry with this code already
validation-service_number_taken = another person of this service has this service number
validation-whole_number_between = must be a whole number from { $low } to { $high }
validation-one_of = must be one of: { $allowed }
validation-at_most = must be at most { $most }
validation-after_field = must be after { $field }
validation-on_or_after_field = must be on or after { $field }
validation-at_least_characters = must be at least { $least } characters
validation-at_most_mib = must be at most { $mib } MiB
validation-enrolment_already = the result is already recorded: { $status }
validation-course_full = the course is full ({ $seats } seats)
validation-before_course_starts = must not be before the course starts ({ $starts })
validation-resolution_year = the year in the number ({ $year }) differs from the year of adoption
validation-personnel_type_of_request = must be the request's personnel type: { $personnel }
validation-age_between = gives an age of { $age }; must be between { $min } and { $max }
validation-at_most_characters = must be at most { $max } characters
validation-no_such = no such { $what }
validation-dossier_not_approved = the dossier “{ $title }” is { $status }: a deployment is approved only under an approved dossier
validation-at_most_missions = at most { $most } missions
validation-upload_unreadable = the upload cannot be read; check the file's format and content
validation-content_not_extension = the content is not a .{ $extension } file
medical-record = Record the examination
plan-pair_first = First person
plan-pair_second = Second person
health-title = Health of the system
health-accounts = Accounts in use
health-disabled = Disabled accounts
health-locked = Addresses locked out of signing in
health-last_backup = Last backup
health-no_backup = No backup recorded yet. Run the backup command.
health-backup_old = The last backup is more than { $days } days old.
health-audit_entries = Audit entries
health-last_check = Last check of the audit trail
health-never_checked = Never checked.
health-intact = Intact ({ $entries } entries)
health-broken = Broken at entry { $seq }
health-check = Check the audit trail now
ams-title = UN Assessment for Mission Service (AMS)
ams-none = No assessment recorded.
ams-assessed_on = Assessed on
ams-part = Part
ams-score = Score
ams-pass_mark = Pass mark
ams-result = Result
ams-passed = Passed
ams-failed = Failed
ams-record = Record an assessment
ams-hint = Give the score (out of 100) of each part taken; leave the others blank. A group of parts passed in full awards its qualification.
ams-save = Record the results
ams_part-english_reading = English: reading comprehension
ams_part-english_listening = English: listening
ams_part-english_writing = English: report writing
ams_part-english_interview = English: interview
ams_part-competency_interview = Competency-based interview
ams_part-driving = Driving
ams_part-firearms = Firearms handling and shooting
audit_field-assessed_on = Assessed on
audit_field-part = Part
audit_field-pass_mark = Pass mark

## The legal registry
nav-legal = Legal documents
legal-title = Legal documents
legal-search = Search by number or title
legal-kind = Kind of document
legal-every_kind = Every kind
legal-filter = Filter
legal-found = Documents
legal-none = No document.
legal-number = Number
legal-document = Document
legal-signed = Signed
legal-status_today = Status today
legal-unverified = not checked against its source
legal-verified = Checked against the published text
legal-checked = Checked
legal-register = Register a document
legal-not_yet = Not yet
legal-mandate_of = Mandate of the mission
legal-kept_by = Kept by
legal-timeline = Status over time
legal-relations = Relations to other documents
legal-no_relations = No relation recorded yet.
legal-relation = Relation
legal-by = by
legal-from = from
legal-add_relation = Add a relation
legal-edit = Correct the document
legal-status_draft = Draft
legal-status_adopted = Adopted, not yet in force
legal-status_in_force = In force
legal-status_amended = In force, as amended
legal-status_ended = Ended after
legal-status_replaced = Replaced
legal_field-kind = Kind of document
legal_field-number = Number (empty for a draft)
legal_field-title_vi = Title in Vietnamese
legal_field-title_en = Title in English
legal_field-issuer = Issued by
legal_field-signed_on = Signed on
legal_field-effective_on = In force from
legal_field-ends_on = Last day in force
legal_field-source_url = Address of the published text
legal_field-note = Note
legal_field-verified = Checked against the published text
legal_field-object_id = Related document
legal_field-articles = Articles amended
legal_cite-constitution = Constitution
legal_cite-law = Law
legal_cite-assembly_resolution = Resolution
legal_cite-ordinance = Ordinance
legal_cite-decree = Decree
legal_cite-prime_minister_decision = Decision
legal_cite-ministerial_decision = Decision
legal_cite-circular = Circular
legal_cite-party_document = Document
legal_cite-council_resolution = Resolution
legal_cite-general_assembly_resolution = Resolution
legal_cite-un_policy = Document
legal-health = Legal health
legal-health_link = Check the legal bases of the procedures
legal-health_intro = The legal bases the procedures and dossiers cite, checked for force on
legal-health_not_in_force = Cited while not in force on the day it was applied
legal-health_not_in_force_help = A document cited as the basis of an act dated before the document came into force or after it ended.
legal-health_outdated = Still applied on a basis no longer in force
legal-health_ending = Documents that end or are replaced by
legal-health_none = Nothing to report.
legal-relied_on_by = Relied on by
legal-no_reliance = No procedure in the system cites this document yet.
legal-cited_by = Cited by
legal-act_dated = Applies from
legal-status_then = Status on that day
legal-not_in_force_then = not in force on this day
templates-title = Dispatch procedures
templates-intro = Each procedure has versions that follow its legal basis; a dossier follows the version active on its date and keeps it to the end.
templates-link = See the dispatch procedures and their versions
templates-version = Version
templates-status = Status
templates-period = Applies
templates-activated = Activated at
templates-basis = Legal basis
templates-categories = Forces concerned
templates-decisions = Kinds of decision
templates-steps = Steps
templates-position = Position
templates-step = Step
templates-agency = Agency
templates-role = Deciding role
templates-limit = Time limit (days)
templates-documents = Documents needed
templates-provision = Provision
templates-versions = Versions
templates-new_version = Create a new version from this one
templates-edit = Edit the draft
templates-activate = Activate this version
templates-activate_help = From its first day, new dossiers follow this version; the version active now ends the day before. Dossiers under way keep the version they opened with.
templates-lead_agency = The dossier's lead office
templates-name_vi = Name of the procedure (Vietnamese)
templates-name_en = Name of the procedure (English)
templates-valid_from = Applies from
templates-valid_to = Applies until (empty if not known)
templates-document = Document
templates-article = Article (if any)
templates-step_seq = Position (steps sharing one run in parallel)
templates-step_name_vi = Name of the step (Vietnamese)
templates-step_name_en = Name of the step (English)
templates-step_limit_days = Time limit (days)
templates-new_step = Add a step
templates-remove = Remove this step
templates-back = Back to the version
template_status-draft = Draft
template_status-active = Active
template_status-retired = Replaced
council-title = Viet Nam on the Security Council
council-term = Term
council-period = Period
council-elected = Elected
council-votes = votes
council-not_recorded = not recorded
council-presidencies = Months presiding the Council
council-month = month
council-initiatives = Priorities and initiatives
legal_kind-constitution = Constitution
legal_kind-law = Law
legal_kind-assembly_resolution = National Assembly resolution
legal_kind-ordinance = Ordinance
legal_kind-decree = Decree
legal_kind-prime_minister_decision = Prime Minister's decision
legal_kind-ministerial_decision = Ministerial decision
legal_kind-circular = Circular
legal_kind-party_document = Party document
legal_kind-council_resolution = Security Council resolution
legal_kind-general_assembly_resolution = General Assembly resolution
legal_kind-un_policy = UN manual or policy
legal_relation-implements = Implements
legal_relation-amends = Amends
legal_relation-replaces = Replaces
legal_relation-based_on = Based on
legal_relation-guides = Guides
legal_relation_by-implements = Implemented by
legal_relation_by-amends = Amended by
legal_relation_by-replaces = Replaced by
legal_relation_by-based_on = Basis of
legal_relation_by-guides = Guided by
validation-legal_number_written_as = is not how this kind of document is numbered, for example { $example }
validation-a_document_in_force_was_signed = a document in force must have been signed
validation-must_be_on_or_after_signed_on = must be on or after the day it was signed
validation-an_end_needs_a_start = give the day it came into force before its last day
validation-must_be_on_or_after_effective_on = must be on or after the day it came into force
validation-must_be_a_web_address = must be a web address starting with http:// or https://
validation-a_document_cannot_relate_to_itself = a document cannot relate to itself
validation-article_number = an article number has letters, digits, dots or dashes only, at most 20
validation-must_be_on_or_after_valid_from = must be on or after the first day the version applies
validation-choose_at_least_one = choose at least one
validation-cite_at_least_one = cite at least one document as the basis
validation-a_procedure_has_steps = a procedure has at least one step
validation-must_be_from_1_to_50 = must be from 1 to 50
validation-choose_from_the_list = choose a value from the list
validation-must_be_from_1_to_365_days = must be from 1 to 365 days
validation-step_code = each step needs its own code, of small letters, digits and underscores
validation-positions_consecutive = the positions of the steps run 1, 2, 3… without a gap
validation-cited_not_in_force_from = the document cited is not in force on the first day the version applies
validation-only_a_draft_changes = only a draft version can be edited or activated
validation-choose_a_document_of_the_registry = choose a document of the registry
validation-a_draft_relates_from_a_date = a draft has no signing date: give the day the relation starts
validation-a_relation_starts_after_its_document_is_signed = a relation starts once its document is signed
validation-a_change_follows_what_it_changes = an amendment or replacement must come after the document it changes came into force
validation-relation_would_form_a_cycle = this relation would close a cycle (A replaces B, B replaces A)
message-legal_number_taken = a document of this kind with this number is already registered
message-legal_relation_exists = this relation is already recorded
entity-legal_document = Legal document
entity-legal_relation = Relation between documents
entity-legal_article = Article of a document
entity-legal_citation = Legal citation
entity-council_term = Security Council term
entity-council_presidency = Security Council presidency
entity-council_initiative = Security Council initiative

## Law-making projects
law-title = Law-making projects
law-none = No project your agency takes part in yet.
law-project = Project
law-kind = Kind of text
law-presiding = Presiding agency
law-stage_now = Current stage
law-due_on = Due
law-overdue = overdue
law-open = Open a project
law-no_document = None
law-status = Status
law-registry_entry = Entry in the registry
law-draft_entry = Draft entry in the registry
law-stages = Stages
law-stage = Stage
law-started_on = Started
law-done_on = Done
law-adopt = Adopt
law-complete = Complete the stage
law-drafts = Draft versions
law-no_drafts = No draft yet.
law-version = Draft version
law-add_draft = Record a new draft version
law-opinions = Opinions received and how they were taken in
law-no_opinions = No opinion received yet.
law-answer = Record how it was taken in
law-add_opinion = Record an opinion
law-no_version = Not about one version
law_field-kind = Kind of text
law_field-title_vi = Title in Vietnamese
law_field-title_en = Title in English
law_field-opened_on = Opened on
law_field-presiding = Presiding agency (drafts)
law_field-guiding = Guiding agency
law_field-consulted = Agencies consulted
law_field-document_id = Draft already in the registry
law_field-implements_id = Details or implements
law_field-replaces_id = Replaces
law_field-note = Note
law_field-number = Number of the adopted text
law_field-signed_on = Signed on
law_field-effective_on = In force from
law_field-done_on = Done on
law_field-next_due_on = Next stage due (empty: the default)
law_field-dated = Date of the version
law_field-summary = What changed
law_field-agency = Agency
law_field-received_on = Received on
law_field-content = Opinion
law_field-disposition = Taken in
law_field-response = Explanation
law_kind-law = Law
law_kind-decree = Decree
law_kind-circular = Circular
law_status-open = In preparation
law_status-adopted = Adopted
law_stage_status-waiting = Waiting
law_stage_status-current = Under way
law_stage_status-done = Done
law_disposition-pending = Not yet considered
law_disposition-accepted = Taken in
law_disposition-partly = Partly taken in
law_disposition-declined = Not taken in
validation-law_guiding_is_presiding = the guiding agency must differ from the presiding one
validation-law_consulted_is_presiding = the presiding agency is not consulted on its own draft
validation-law_stage_unknown = the project has no such stage
validation-law_stage_not_yet = not this stage yet: complete the current stage first; stages cannot be skipped
validation-law_stage_done = this stage is already done
validation-law_stage_done_before_start = must not be before the stage started
validation-law_not_after_today = must not be after today
validation-law_due_before_done = the deadline must not be before this stage is done
validation-law_before_opening = must not be before the project opened
validation-law_agency_not_consulted = this agency is not among those the project consults
validation-law_version_unknown = the project has no such draft version
validation-law_explain_not_taken_in = explain why it was not taken in, or only in part
validation-law_project_adopted = the project was adopted and can no longer change
validation-law_adoption_needs = needed to register the adopted text
message-law_version_taken = this version was just recorded; try again
entity-law_project = Law-making project
entity-law_stage = Law-making stage
entity-law_draft = Draft version
entity-law_opinion = Opinion on a draft
entity-legal_file = Published text (PDF)
validation-legal_file_is_a_pdf = the published text must be a PDF file
legal-file = Published text
legal-no_file = No published text registered yet.
legal-file_upload = Published text (PDF, at most 10 MiB)
legal-file_send = Upload
legal-bytes = bytes
legal-graph = Graph of the relations between documents
legal-graph_intro = Each document sits below the documents it details, guides, amends or rests on; a dashed red line joins a replacing document to the one it replaces. Select a document to open it.
legal-graph_truncated = The graph draws the 150 documents of the top ranks; the table below lists the relations between those drawn.
legal-graph_caption = What implements, guides, amends or replaces what; the table below says the same.
legal-graph_table = The relations of the graph
# What a refused attempt was about, in the audit trail.
entity-audit = Audit trail
entity-medical = Health records
entity-catalogue = Catalogues
entity-training = Training
entity-unit = Units
entity-legal = Legal registry
entity-law_making = Law-making projects

## Directives and tasks
validation-task_count = a directive gives 1 to 50 tasks
validation-task_presiding_also_coordinating = the presiding agency cannot also coordinate
validation-task_agency_twice = this agency is already among the coordinating ones
validation-task_due_before_directive = the deadline must not be before the directive's date
validation-task_unknown_project = no such law-making project
validation-task_not_now = the task's status does not allow this step
validation-share_0_to_100 = the share done must be from 0 to 100
validation-task_say_why = say why, or give the comments
validation-task_extension_later = the new deadline must be after the current one
entity-directive = Directive
entity-task = Task
nav-tasks = Tasks
tasks-title = Directives and tasks
tasks-none = Your agency has no task yet.
tasks-task = Task
tasks-presiding = Presiding agency
tasks-due_on = Deadline
tasks-status = Status
tasks-share_done = Share done
tasks-overdue = overdue
tasks-new_directive = Record a directive
tasks-record = Record the directive and give the task
tasks-agencies = Agencies
tasks-agency = Agency
tasks-part = Part
tasks-history = History
tasks-step = Update the task
tasks-save_step = Record
task_field-title = Directive
task_field-issued_on = Date of the directive
task_field-issued_by = Conference or leader
task_field-document_id = Legal basis
task_field-task_title = Task
task_field-product = Expected product
task_field-due_on = Deadline
task_field-presiding = Presiding agency
task_field-coordinating = Coordinating agencies
task_field-contribution = The coordinating agency's contribution
task_field-action = Step
task_field-share_done = Share done (%)
task_field-note = What was done, comments or reason
task_status-assigned = Assigned
task_status-under_way = Under way
task_status-submitted = Product submitted
task_status-returned = Returned with comments
task_status-closed = Closed
task_action-assigned = Assigned
task_action-progress = Progress
task_action-submit = Submit the product
task_action-return = Return with comments
task_action-accept = Accept and close
task_action-extend = Extend the deadline
task_part-presiding = Presiding
task_part-coordinating = Coordinating
notice-task_subject = A task is due or overdue
notice-task_due_soon = The task «{ $title }» is due on { $on } — { $days } days left.
notice-task_overdue = The task «{ $title }» is overdue since { $on }.
notice-task_escalated = The task «{ $title }» is overdue since { $on } and not done: the presiding agency needs a reminder.
tasks-open = Open
tasks-due_soon = Due within 7 days
tasks-overdue_count = Overdue
tasks-closed = Closed
tasks-on_time = on time
bodies-title = Coordinating bodies
bodies-none = No coordinating body yet.
bodies-body = Body
bodies-members = Members
bodies-no_members = No member yet.
bodies-new = Add a body
bodies-add_member = Add a member
bodies-term = Term
body_field-kind = Kind
body_field-name_vi = Name in Vietnamese
body_field-name_en = Name in English
body_field-standing = Standing agency
body_kind-steering_committee = Steering committee
body_kind-working_group = Inter-agency working group
body_kind-inspection_team = Inspection team
body_kind-other = Other
member_field-username = Account (if any)
member_field-name = Name (without an account)
member_field-position = Position
member_field-agency = Agency
member_field-role = Role
member_field-from_on = From
member_field-to_on = To
member_role-head = Head
member_role-permanent_deputy = Permanent deputy head
member_role-deputy = Deputy head
member_role-member = Member
member_role-secretary = Secretary
validation-member_no_such_account = no account has this user name
validation-member_account_or_name = choose an account or give a name
validation-member_term_ends_before_it_starts = a term cannot end before it starts
entity-body = Coordinating body
entity-body_member = Member of a coordinating body
# The stages of law-making, by kind of text.
law_stage_law-policy_proposal = Policy proposal: summary report on law enforcement and policy impact assessment
law_stage_law-consultation = Consultation of ministries and the public
law_stage_law-appraisal = Appraisal by the Ministry of Justice
law_stage_law-government_submission = Government review and submission
law_stage_law-programme = Inclusion in the National Assembly's law-making programme
law_stage_law-drafting = Drafting of the bill
law_stage_law-adoption = Adoption by the National Assembly
law_stage_decree-drafting = Drafting of the decree
law_stage_decree-consultation = Consultation of ministries and of those concerned
law_stage_decree-appraisal = Appraisal by the Ministry of Justice
law_stage_decree-government_submission = Submission to the Government
law_stage_decree-adoption = Issued by the Government
law_stage_circular-drafting = Drafting of the circular
law_stage_circular-consultation = Consultation of the agencies concerned
law_stage_circular-appraisal = Appraisal by the ministry's legal department
law_stage_circular-adoption = Signed by the minister
## Conferences, inspections and outreach
nav-inspections = Inspections
nav-outreach = Outreach
entity-conference = Conference or meeting
entity-inspection = Inspection of forces at a mission
entity-inspection_check = Result of an inspected area
entity-inspection_finding = Inspection finding
entity-health_finding = Health finding of an inspection
entity-inspection_recommendation = Inspection recommendation
entity-outreach_activity = Outreach activity
entity-outreach = Outreach activity
entity-statistics = Aggregate figures
validation-directive_unknown_conference = no such conference
validation-task_unknown_mission = no such mission
validation-conference_unknown_body = no such coordinating body
validation-conference_too_many_agencies = a conference lists at most 100 attending agencies
validation-inspection_choose_team = choose the team among the coordinating bodies
validation-inspection_choose_mission = choose a mission from the list
validation-inspection_ends_before_it_starts = the last day must not be before the first
validation-inspection_unit_not_at_mission = this unit does not serve at the mission inspected
validation-inspection_unknown_unit = no such unit
validation-inspection_choose_an_area = choose at least one area to inspect
validation-inspection_area_out_of_scope = this area is not in the visit's scope
validation-inspection_unit_not_visited = this unit is not among those visited
validation-inspection_unknown_finding = no such finding in this visit
validation-outreach_reach = give a whole number from 0 to 200 million
validation-outreach_peacekeepers_day = the International Day of UN Peacekeepers is on 29 May
validation-outreach_too_many_documents = an activity lists at most 20 documents
tasks-mission = Mission concerned
conferences-title = Conferences and meetings
conferences-none = No conference yet.
conferences-directives = Directives issued
conferences-no_directives = The conference has issued no directive yet.
conferences-no_agencies = No attending agency recorded.
conferences-new = Record a conference or meeting
conferences-record = Record the conference
conferences-no_body = No coordinating body
conferences-tasks = Tasks
conferences-new_directive = Issue a directive of the conference
conference_field-title = Conference or meeting
conference_field-held_on = Date
conference_field-body_id = Coordinating body
conference_field-chair = Chaired by
conference_field-place = Place
conference_field-agencies = Attending agencies
conference_field-agenda = Agenda
conference_field-conclusions = Conclusions
conference_field-conclusion_document_id = Notice of conclusions in the registry
inspections-title = Inspections of forces at missions
inspections-none = No inspection yet.
inspections-dates = Dates
inspections-findings = Findings
inspections-open_recommendations = Open recommendations
inspections-new = Record a visit
inspections-record = Record the visit
inspections-print = Print the visit report
inspections-checklist = Checklist
inspections-area = Area
inspections-result = Result
inspections-no_findings = No finding recorded yet.
inspections-recommendations = Recommendations
inspections-no_recommendations = No recommendation yet.
inspections-recommendation = Recommendation
inspections-follow_up = Follow-up
inspections-followed_up = Done
inspections-record_check = Record an area's result
inspections-add_finding = Add a finding
inspections-no_unit = No particular unit
inspections-add_recommendation = Add a recommendation as a task
inspections-answers_finding = Answers the finding
inspections-no_finding = General recommendation
inspection_field-title = Visit
inspection_field-team_id = Inspection team
inspection_field-mission = Mission
inspection_field-from_on = From
inspection_field-to_on = To
inspection_field-units = Units visited
inspection_field-areas = Areas inspected
inspection_field-note = Note
finding_field-severity = Severity
finding_field-description = Finding
finding_field-unit_id = Unit concerned
recommendation_field-task_title = Recommendation
recommendation_field-product = Expected product
recommendation_field-due_on = Deadline
check_area-living_conditions = Living and working conditions
check_area-equipment = Equipment
check_area-discipline = Discipline
check_area-health = Health
check_area-training = Training
check_area-regimes = Regimes and policies
check_area-coordination = Coordination with the mission
check_result-pending = Not assessed yet
check_result-satisfactory = Satisfactory
check_result-needs_improvement = Needs improvement
check_result-unsatisfactory = Unsatisfactory
check_result-withheld = Shown to the medical staff only
severity-minor = Minor
severity-moderate = Moderate
severity-serious = Serious
severity-critical = Critical
outreach-title = Outreach and legal education
outreach-by_year = Activities per year
outreach-by_agency_and_kind = By agency and kind
outreach-none = No activity yet.
outreach-year = Year
outreach-activities = Activities
outreach-reach = Participants / viewers
outreach-new = Record an activity
outreach-record = Record the activity
outreach_field-kind = Kind
outreach_field-title = Activity
outreach_field-held_on = Date
outreach_field-agency = Organising agency
outreach_field-place = Place
outreach_field-audience = Audience
outreach_field-participants = Participants
outreach_field-viewers = Viewers, readers, listeners
outreach_field-documents = Documents disseminated
outreach_field-materials = Materials used or published
outreach_kind-law_training = Training on the law
outreach_kind-media = Media
outreach_kind-exhibition = Exhibition
outreach_kind-publication = Publication
outreach_kind-competition = Competition
outreach_kind-peacekeepers_day = International Day of UN Peacekeepers (29 May)
outreach_kind-other = Other
tasks-all = Show every task
tasks-unit = Unit concerned
tasks-dossier = Dispatch dossier concerned
tasks-open_dossier = Open the dossier
validation-task_unknown_unit = no such unit
validation-task_unknown_dossier = no such dossier
inspections-evidence = Evidence
inspections-add_evidence = Add a file as evidence
inspections-attach = Upload
entity-finding_evidence = Evidence of an inspection finding
entity-health_evidence = Evidence of a health finding
inspections-people = Officers seen
inspections-people_count = Officers seen
inspections-add_person = Officers serving at the mission during the visit
inspections-record_person = Record
validation-inspection_person_not_at_mission = this officer did not serve at the mission during the visit
validation-inspection_person_twice = this officer is recorded already
entity-inspection_person = Officer seen on an inspection
conferences-members = Members who attended
conferences-members_of = Members who attended —
conferences-no_members = No attending member recorded.
validation-conference_member_of_another_body = choose members of the body that met
tasks-no_mission = No particular mission
tasks-no_unit = No particular unit
tasks-no_dossier = No particular dossier
tasks-law_project = Law-making project concerned
tasks-no_law_project = No particular project
tasks-open_law_project = Open the project
home-tasks = Tasks given by directives

## Import faults and file limits

import-column_missing = the column is missing
import-column_twice = the column appears twice
import-column_unknown = column { $position } is not one of: { $expected }
import-empty_worksheet = the first worksheet is empty
import-line_unreadable = the line cannot be read: { $detail }
import-line_width = the line has { $values } values; the header has { $header } columns
import-may_not_add_people = you may not add people to { $code }
import-may_not_change_records = you may not change the records of { $number }
import-no_agency_code = no agency has the code “{ $code }”
import-no_person_with_number = no person of the “{ $service }” service has the service number “{ $number }”
import-no_worksheet = the workbook has no worksheet
import-service_number_taken = { $number } is already used in the { $service } service
import-unknown_specialty = “{ $code }” is not in the specialty catalogue
import-unreadable_csv = the file cannot be read as CSV: { $detail }
import-unreadable_xlsx = the file cannot be read as XLSX: { $detail }
limit-cell_bytes = the file has a cell longer than { $max } bytes
limit-cells = the file has more than { $max } cells
limit-columns = the file has cells beyond column { $max }
limit-entries = the file holds more than { $max } packed entries
limit-ratio = the file unpacks to more than { $max } times its packed size
limit-rows = the file has more than { $max } rows
limit-shared_string_mib = the file has shared strings of more than { $max } MiB
limit-shared_strings = the file declares more than { $max } shared strings
limit-text_mib = the file holds more than { $max } MiB of text
limit-unpacked_mib = the file unpacks to more than { $max } MiB

## Refusals: a dossier's step, a deployment, a plan, an agency

agency-still_in_use = the agency still has sub-agencies or users
deployment-already_active = this person already has an active deployment (#{ $deployment }); return or withdraw it first
deployment-changed_meanwhile = the deployment was changed by someone else; reload it
dispatch-closed = the dossier is “{ $status }” and takes no further action
dispatch-comment_required = a comment is required to return or reject a step
dispatch-missing_documents = attach these documents before approving: { $documents }
dispatch-nothing_to_return_to = the first step has nothing before it to return to; reject it instead
dispatch-step_not_active = this step is “{ $status }”, not waiting for a decision: steps are decided in order, once
dispatch-step_without_role = this step names no known role: the procedure template needs correcting
planning-already_deployed = { $name } already has an active deployment (#{ $deployment }); pin or forbid to plan without them
