"""The rule mutations `bench/mutation.py` applies, one at a time: each breaks one rule of the mock as a QA lead would
to see whether the scenarios notice. A mutation is an exact textual edit; `old` must occur exactly once in its file,
so the catalogue fails loudly when the code it names has moved.

`sections` are the guide sections (pytest markers) whose scenarios cover the rule: only those run per mutant.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Mutation:
    id: str
    area: str
    file: str
    old: str
    new: str
    sections: tuple[str, ...]
    rule: str  # what the mutant breaks, in one line


@dataclass(frozen=True)
class Equivalent:
    """A mutant no scenario can tell apart from the real rule; kept in the catalogue (checked) but not scored."""
    mutation: Mutation
    reason: str


# Each rule's home sections; the §1 flow (guide-1) only where it checks more than they do (login after registering).
REG = ("guide-1.2.2",)
LOGIN = ("guide-1.3",)
GRANTS = ("guide-1.2.1.3",)
CLAIM = ("guide-1.2.1.2",)
REALNAME = ("guide-1.2.1.1", "guide-1.2.1.2")
SCAN = ("guide-1.2.1.3",)
QR = ("guide-1.2.2",)

M = Mutation
MUTATIONS: list[Mutation] = [
    # portal registration: field rules and the wizard
    M("reg-password-min", "portal registration", "mock_portal/rules/fields.py",
      "PASSWORD_MIN_LENGTH = 8", "PASSWORD_MIN_LENGTH = 7", REG, "a 7-character password is accepted"),
    M("reg-password-min-up", "portal registration", "mock_portal/rules/fields.py",
      "PASSWORD_MIN_LENGTH = 8", "PASSWORD_MIN_LENGTH = 9", REG, "an 8-character password is refused"),
    M("reg-password-max", "portal registration", "mock_portal/rules/fields.py",
      "PASSWORD_MAX_LENGTH = 20", "PASSWORD_MAX_LENGTH = 21", REG, "a 21-character password is accepted"),
    M("reg-password-max-down", "portal registration", "mock_portal/rules/fields.py",
      "PASSWORD_MAX_LENGTH = 20", "PASSWORD_MAX_LENGTH = 19", REG, "a 20-character password is refused"),
    M("reg-password-classes", "portal registration", "mock_portal/rules/fields.py",
      "PASSWORD_MIN_CLASSES = 3", "PASSWORD_MIN_CLASSES = 2", REG, "two kinds of character are enough"),
    M("reg-confirmation", "portal registration", "mock_portal/rules/fields.py",
      "return CONFIRMATION_MISMATCH if confirmation != password else None", "return None", REG,
      "a confirmation that differs from the password is accepted"),
    M("reg-email-format", "portal registration", "mock_portal/rules/fields.py",
      "if len(email) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(email):", "if len(email) > EMAIL_MAX_LENGTH:",
      REG, "any text is accepted as an e-mail address"),
    M("reg-phone", "portal registration", "mock_portal/rules/fields.py",
      "if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):", "if phone:", REG,
      "any 企业联系电话 is accepted"),
    M("reg-employees", "portal registration", "mock_portal/rules/fields.py",
      "_EMPLOYEES = re.compile(r\"[1-9]\\d{0,6}\", re.ASCII)", "_EMPLOYEES = re.compile(r\"-?\\d+\", re.ASCII)", REG,
      "员工人数 0 or negative is accepted"),
    M("reg-foreign-nature", "portal registration", "mock_portal/portal_views/register.py",
      "elif form[\"nature\"] in SELF_REGISTRATION_REFUSED:", "elif False:", REG,
      "a wholly foreign-owned enterprise may register itself"),
    M("reg-step-order", "portal registration", "mock_portal/portal_views/register.py",
      "    if enterprise_errors({name: session.get(\"reg_enterprise_form\", {}).get(name, \"\") for name in ENTERPRISE_FIELDS}):",
      "    if False:", REG, "账号信息 opens by URL though 企业信息 was refused"),
    M("reg-agreement", "portal registration", "mock_portal/portal_views/register.py",
      "    if not form[\"agreed\"]:\n        errors[\"agreed\"]", "    if False:\n        errors[\"agreed\"]", REG,
      "registration without agreeing to the user agreement"),
    M("reg-email-taken", "portal registration", "mock_portal/portal_views/register.py",
      "    if problem is None and portal.accounts.email_taken(email):", "    if False:", REG,
      "a code is sent to an e-mail address that already has an account"),
    M("reg-stored-password", "portal registration", "mock_portal/portal_views/register.py",
      "form[\"email\"], form[\"password\"], details)", "form[\"email\"], form[\"password\"][:-1], details)", REG + ("guide-1",),
      "the account is created with a password other than the one set: 注册成功 but it cannot log in"),
    M("reg-already-registered", "portal registration", "mock_portal/miniapp/scan.py",
      "    if purpose == \"register\" and account is not None:", "    if False:", REG,
      "an enterprise that has an account scans to register again"),
    # mail: e-mail codes
    M("mail-ttl-longer", "mail", "mock_portal/rules/limits.py",
      "CODE_TTL = timedelta(minutes=10)", "CODE_TTL = timedelta(minutes=11)", REG, "a code is valid 11 minutes"),
    M("mail-ttl-shorter", "mail", "mock_portal/rules/limits.py",
      "CODE_TTL = timedelta(minutes=10)", "CODE_TTL = timedelta(minutes=9)", REG, "a code is valid 9 minutes"),
    M("mail-expiry-second", "mail", "mock_portal/mail.py",
      "if self.store.now() > parse(row[\"sent_at\"]) + CODE_TTL:",
      "if self.store.now() >= parse(row[\"sent_at\"]) + CODE_TTL:", REG,
      "a code is refused at exactly 10 minutes instead of after them"),
    M("mail-resend-none", "mail", "mock_portal/mail.py",
      "RESEND_AFTER = timedelta(seconds=60)", "RESEND_AFTER = timedelta(seconds=0)", REG,
      "a code can be requested again at once"),
    M("mail-resend-longer", "mail", "mock_portal/mail.py",
      "RESEND_AFTER = timedelta(seconds=60)", "RESEND_AFTER = timedelta(seconds=61)", REG,
      "a new code can be requested only after 61 s"),
    M("mail-wrong-code", "mail", "mock_portal/mail.py",
      "if not hmac.compare_digest(row[\"code_hash\"], _hash(email, code)):", "if False:", REG,
      "any 6-digit code is accepted"),
    M("mail-older-code", "mail", "mock_portal/mail.py",
      "row = self.store.one(\"SELECT * FROM email_codes WHERE lower(email) = lower(?) ORDER BY id DESC LIMIT 1\",",
      "row = self.store.one(\"SELECT * FROM email_codes WHERE lower(email) = lower(?) ORDER BY id ASC LIMIT 1\",",
      REG, "the older of two codes is the one accepted"),
    # QR codes
    M("qr-ttl", "QR", "mock_portal/rules/limits.py", "QR_TTL = timedelta(minutes=5)", "QR_TTL = timedelta(minutes=4)", QR,
      "a QR code is valid 4 minutes"),
    M("qr-expired-usable", "QR", "mock_portal/qr.py",
      "        if self.store.now() >= parse(row[\"expires_at\"]):\n            return \"二维码已过期",
      "        if False:\n            return \"二维码已过期", QR, "an expired code can be scanned"),
    M("qr-reuse", "QR", "mock_portal/qr.py",
      "        if row[\"scanned_at\"]:\n            return \"二维码已使用", "        if False:\n            return \"二维码已使用",
      QR, "a used code can be scanned again"),
    # lock-out and login
    M("lock-never-ends", "lock-out", "mock_portal/attempts.py",
      "if locked_until and now < locked_until:", "if locked_until:", LOGIN, "the lock-out never ends"),
    M("lock-longer", "lock-out", "mock_portal/rules/limits.py",
      "LOCK_DURATION = timedelta(minutes=15)", "LOCK_DURATION = timedelta(minutes=16)", LOGIN,
      "the lock-out lasts 16 minutes"),
    M("lock-shorter", "lock-out", "mock_portal/rules/limits.py",
      "LOCK_DURATION = timedelta(minutes=15)", "LOCK_DURATION = timedelta(minutes=14)", LOGIN,
      "the lock-out lasts 14 minutes"),
    M("lock-threshold-up", "lock-out", "mock_portal/rules/limits.py",
      "MAX_FAILED_LOGINS = 5", "MAX_FAILED_LOGINS = 6", LOGIN, "six wrong passwords before the lock-out"),
    M("lock-threshold-down", "lock-out", "mock_portal/rules/limits.py",
      "MAX_FAILED_LOGINS = 5", "MAX_FAILED_LOGINS = 4", LOGIN, "four wrong passwords lock the account"),
    M("lock-no-reset", "lock-out", "mock_portal/attempts.py",
      "            db.execute(\"DELETE FROM attempts WHERE kind = ? AND key = ?\", (self.kind, key))\n",
      "            pass\n", LOGIN,
      "a successful login does not reset the count of wrong passwords"),
    M("login-any-password", "portal login", "mock_portal/accounts.py",
      "right = check_password_hash(row[\"password_hash\"] if row else _stand_in_hash(), password) and row is not None",
      "right = row is not None", LOGIN, "any password logs in"),
    M("login-handler-as-enterprise", "portal login", "mock_portal/portal_views/auth.py",
      "sign_in(result.account_id, result.handler_id)", "sign_in(result.account_id)", LOGIN,
      "a 经办人 is signed in as the enterprise account"),
    M("agents-portal-handler-manages", "agents", "mock_portal/portal_views/account.py",
      "                abort(403)  # 经办人 cannot manage other 经办人", "                pass", LOGIN,
      "a 经办人 opens 经办人管理 and may add or delete 经办人"),
    # mini-program: real-name authentication
    M("realname-pay-password", "mini-program real-name", "mock_portal/miniapp/realname.py",
      "if not hashed or not check_password_hash(hashed, request.form.get(\"pay_password\", \"\")):", "if False:",
      REALNAME, "a wrong WeChat pay password passes"),
    M("realname-identity", "mini-program real-name", "mock_portal/miniapp/realname.py",
      "    if not person[\"realname_ok\"]:", "    if False:", REALNAME, "a failed identity check passes"),
    M("realname-face", "mini-program real-name", "mock_portal/miniapp/realname.py",
      "if not person[\"face_ok\"] or (holder", "if (holder", REALNAME, "a failed face recognition passes"),
    # claim and download
    M("claim-first-by-anyone", "claim", "mock_portal/miniapp/claims.py",
      "if not record.claimed and record.title != LEGAL_REP:", "if False:", CLAIM,
      "an agent makes the first claim"),
    M("download-without-statement", "download", "mock_portal/miniapp/download.py",
      "if request.form.get(\"agreed\") != \"on\":", "if False:", CLAIM,
      "a download without agreeing to 《执照下载声明》"),
    M("download-old-password", "download", "mock_portal/miniapp/download.py",
      "    if needs_password:\n        password", "    if False:\n        password", CLAIM,
      "after a password change, a download asks no password"),
    M("download-place-filter", "download", "mock_portal/miniapp/claims.py",
      "if d[\"registration_place\"] == place]", "]", CLAIM, "已下载执照记录 ignores the 登记地"),
    M("license-password-confirmation", "download", "mock_portal/miniapp/claims.py",
      "        if confirmation != new:", "        if False:", CLAIM,
      "a new license password is saved though its confirmation differs"),
    M("license-password-old", "download", "mock_portal/miniapp/claims.py",
      "        refusal = self.password_refusal(person_id, old, wrong=\"原执照密码错误\")", "        refusal = None", CLAIM,
      "the license password is changed without the right old password"),
    # authorization
    M("grant-reversed-dates", "authorization", "mock_portal/miniapp/grants.py",
      "elif starts_at and ends_at <= starts_at:", "elif False:", GRANTS,
      "an authorization that ends before it starts is saved"),
    M("grant-zero-length", "authorization", "mock_portal/miniapp/grants.py",
      "elif starts_at and ends_at <= starts_at:", "elif starts_at and ends_at < starts_at:", GRANTS,
      "an authorization that ends when it starts is saved"),
    M("grant-ended", "authorization", "mock_portal/miniapp/grants.py",
      "        elif ends_at <= now:", "        elif False:", GRANTS, "an authorization that has already ended is saved"),
    M("grant-end-second", "authorization", "mock_portal/licenses.py",
      "        if now >= auth.ends_at:\n            return None, EXPIRED", "        if now > auth.ends_at:\n            return None, EXPIRED",
      GRANTS, "an authorization can still be used at its end time"),
    M("grant-start-second", "authorization", "mock_portal/licenses.py",
      "        if now < auth.starts_at:\n            return None, NOT_YET_EFFECTIVE",
      "        if now <= auth.starts_at:\n            return None, NOT_YET_EFFECTIVE", GRANTS,
      "an authorization cannot be used at its start time"),
    M("grant-consular-matter", "authorization", "mock_portal/licenses.py",
      "return self.mode == FULL or CONSULAR_SERVICE in self.matters", "return True", GRANTS,
      "a 精准授权 without 领事服务 may register on the portal"),
    M("grant-cancel-keeps-license", "authorization", "mock_portal/miniapp/grants.py",
      "            db.execute(\"UPDATE downloads SET invalidated_at = COALESCE(invalidated_at, ?) WHERE authorization_id = ?\",\n"
      "                       (now, authorization_id))\n", "", GRANTS,
      "the license downloaded under a cancelled authorization stays valid on the agent's phone"),
    M("grant-future-not-downloadable", "authorization", "mock_portal/miniapp/claims.py",
      "if now < auth.ends_at:  # not yet", "if auth.starts_at <= now < auth.ends_at:  # not yet", GRANTS,
      "an authorization not yet in effect cannot be downloaded"),
    M("grant-admin-without-subauthorization", "authorization", "mock_portal/miniapp/roles.py",
      "admin_may = self.title == ADMINISTRATOR and self.can_subauthorize", "admin_may = self.title == ADMINISTRATOR",
      GRANTS, "an administrator without 下级授权 manages agents and authorizations"),
    # agents (办事人) on the phone
    M("agents-lock-off", "agents", "mock_portal/miniapp/people.py",
      "        if not agent[\"downloaded_at\"]:\n            return False", "        if True:\n            return False",
      GRANTS, "ID number and mobile can be changed after the agent downloaded"),
    M("agents-lock-after-cancel", "agents", "mock_portal/miniapp/people.py",
      "\"SELECT 1 FROM authorizations WHERE agent_id = ? AND cancelled_at IS NULL\"",
      "\"SELECT 1 FROM authorizations WHERE agent_id = ?\"", GRANTS,
      "ID number and mobile stay locked after every authorization was cancelled"),
    M("agents-id-number", "agents", "mock_portal/miniapp/people.py",
      "    if not idcard.is_valid(id_number):", "    if not id_number:", GRANTS,
      "an ID number with a wrong check digit is accepted"),
    M("agents-mobile", "agents", "mock_portal/miniapp/people.py",
      "    if not _MOBILE.fullmatch(mobile):", "    if not mobile:", GRANTS, "a 10-digit mobile number is accepted"),
    M("agents-delete-keeps-grants", "agents", "mock_portal/miniapp/grants.py",
      "\"status\": auth.status_at(self.store.now(), bool(row[\"agent_deleted_at\"]))", "\"status\": auth.status_at(self.store.now())", GRANTS,
      "a deleted agent's authorizations still show as in effect"),
    # scan refusals
    M("scan-license-password", "scan refusals", "mock_portal/miniapp/scan.py",
      "    refusal = license_password_refusal(portal.store, person[\"id\"], password)\n",
      "    refusal = None\n", SCAN, "a wrong license password is accepted at scan confirmation"),
    M("scan-login-without-account", "scan refusals", "mock_portal/miniapp/scan.py",
      "    if purpose == \"login\" and account is None:", "    if False:", SCAN,
      "an enterprise with no account scans to log in"),
    M("scan-agent-deleted", "scan refusals", "mock_portal/licenses.py",
      "if auth_row is None or auth_row[\"agent_deleted_at\"]:", "if auth_row is None:", SCAN,
      "a deleted agent's license still scans"),
    M("scan-cancelled", "scan refusals", "mock_portal/licenses.py",
      "        if auth.cancelled_at:\n            return None, CANCELLED", "        if False:\n            return None, CANCELLED",
      SCAN, "a cancelled authorization still scans"),
    M("scan-invalidated", "scan refusals", "mock_portal/licenses.py",
      "        if row[\"invalidated_at\"]:\n            return None, INVALIDATED",
      "        if False:\n            return None, INVALIDATED", SCAN, "an invalidated license still scans"),
    M("scan-not-yet-effective", "scan refusals", "mock_portal/licenses.py",
      "        if now < auth.starts_at:\n            return None, NOT_YET_EFFECTIVE",
      "        if False:\n            return None, NOT_YET_EFFECTIVE", SCAN, "an authorization not yet in effect scans"),
    M("scan-expired", "scan refusals", "mock_portal/licenses.py",
      "        if now >= auth.ends_at:\n            return None, EXPIRED", "        if False:\n            return None, EXPIRED",
      SCAN, "an expired authorization scans"),
    M("scan-no-license", "scan refusals", "mock_portal/licenses.py",
      "return None, CHOOSE_LICENSE if self.downloads_of(person_id) else NO_LICENSE", "return None, CHOOSE_LICENSE",
      SCAN, "a phone with no authorization is asked to choose a license instead of told it has none"),
    # templates: the guide's labels and placeholders
    M("label-confirm-password", "templates' labels", "mock_portal/templates/portal/register_account.html",
      "\"password_confirm\", \"确认密码\"", "\"password_confirm\", \"再次输入密码\"", REG,
      "the field 确认密码 is labelled otherwise"),
    M("placeholder-confirm-password", "templates' labels", "mock_portal/templates/portal/register_account.html",
      "placeholder=\"请输入再次确认密码\"", "placeholder=\"请再次输入密码\"", REG,
      "the placeholder of 确认密码 differs from the guide's"),
    M("placeholder-email-code", "templates' labels", "mock_portal/templates/portal/register_account.html",
      "placeholder=\"请输入邮箱验证码\"", "placeholder=\"请输入验证码\"", REG,
      "the placeholder of 邮箱验证码 differs from the guide's"),
    M("label-stepper", "templates' labels", "mock_portal/templates/portal/_stepper.html",
      "\"企业信息\", \"账号信息\"]", "\"企业信息\", \"账户信息\"]", REG,
      "the stepper says 账户信息 (the guide's typo) instead of 账号信息"),
    M("label-login-confirm", "templates' labels", "mock_portal/templates/portal/login.html",
      ">确认</button>", ">登录</button>", LOGIN, "the login button reads 登录, not 【确认】"),
    M("label-scan-login-switch", "templates' labels", "mock_portal/templates/portal/login.html",
      ">电子营业执照扫码登录</a>", ">扫码登录</a>", LOGIN,
      "the switch reads 扫码登录, not ‘电子营业执照扫码登录’"),
    M("label-authorization-management", "templates' labels", "mock_portal/templates/miniapp/license.html",
      "\">授权管理</a>", "\">授权</a>", GRANTS, "the license page's link reads 授权, not 【授权管理】"),
]

EQUIVALENTS: list[Equivalent] = [
    Equivalent(M("mail-code-reuse", "mail", "mock_portal/mail.py",
                 "        if row[\"used_at\"]:\n", "        if False:\n", REG, "a used e-mail code is accepted again"),
               "a code is used only by a registration, which takes the e-mail address: the address is then refused "
               "as registered before its code is checked, so no user can reach the reuse"),
    Equivalent(M("reg-email-taken-at-submit", "portal registration", "mock_portal/portal_views/register.py",
                 "    if not errors[\"email\"] and portal.accounts.email_taken(form[\"email\"]):", "    if False:", REG,
                 "the address is not checked for an account at 立即注册"),
               "a code cannot be sent to a taken address, and a code is required to register; the schema's unique "
               "index refuses a race in between with the same message"),
]
