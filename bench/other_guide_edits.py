"""Edits of the two other provinces' guides (tests/data/guides) for bench/guide_mutation.py --guide: each changes a
claim the guide has right (its .expected.json lists them) as a writer would after a portal change, or rewords one
harmlessly (must-not-flag). These guides carry no tags of the run: their sections are matched by content.

Each edit is (category, old words, new words, section); old must occur exactly once in the guide."""
VALID = "must-not-flag"

JIANGXI = [
    ("quoted label", "点击【同意授权】获取实名信息", "点击【同意授予】获取实名信息", "1.1"),
    ("quoted label", "后点击【下载执照】", "后点击【领取执照】", "1.1"),
    ("quoted label", "打开执照的【授权管理】", "打开执照的【授权设置】", "1.2"),
    ("quoted label", "结束时间，点击【保存】", "结束时间，点击【提交授权】", "1.2"),
    ("quoted label", "在登录页面点击【注册新账号】", "在登录页面点击【注册账号】", "2.2"),
    ("quoted label", "点击【获取验证码】", "点击【发送验证码】", "2.3"),
    ("quoted label", "填写企业联系电话和员工人数后，点击【下一步】", "填写企业联系电话和员工人数后，点击【继续】", "2.3"),
    ("quoted label", "在【账号设置】→【经办人管理】", "在【账号设置】→【经办人设置】", "3.3"),
    ("near-miss name", "选择“企业账号登录”", "选择“企业帐号登录”", "3.1"),
    ("near-miss name", "在“可下载执照记录”中", "在“可下载证照记录”中", "1.1"),
    ("position", "点击右上角【电子营业执照扫码登录】", "点击左下角【电子营业执照扫码登录】", "3.2"),
    ("rule numbers", "二维码5分钟内有效", "二维码10分钟内有效", "2.2"),
    ("rule numbers", "连续输错密码5次，账号将被锁定15分钟", "连续输错密码3次，账号将被锁定15分钟", "3.1"),
    ("rule numbers", "连续输错密码5次，账号将被锁定15分钟", "连续输错密码5次，账号将被锁定30分钟", "3.1"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<https://consular.mfa.gov.cn/APEX/>", "2.1"),
    ("channel names", "或在微信、支付宝中搜索", "或在微信、抖音中搜索", "1.1"),
    (VALID, "第三步：填写授权开始时间", "第三步:填写授权开始时间", "1.2"),
    (VALID, "用谷歌浏览器打开", "使用谷歌浏览器打开", "2.1"),
    (VALID, "点击【确认】即可登录。", "点击【确认】，即可登录。", "3.1"),
    (VALID, "过期请刷新页面后重新扫码。", "过期后请刷新页面，重新扫码。", "2.2"),
    (VALID, "二维码5分钟内有效", "二维码在5分钟内有效", "2.2"),
    (VALID, "实名认证未通过的，请到", "实名认证未通过时，请到", "1.1"),
]

SICHUAN = [
    ("quoted label", "点击页面右上角【登录】", "点击页面右上角【登入】", "1.1"),
    ("quoted label", "输入执照密码，点击【确认】", "输入执照密码，点击【确定授权】", "1.2"),
    ("quoted label", "点击【立即注册】", "点击【马上注册】", "1.3"),
    ("quoted label", "点击【获取验证码】", "点击【获取校验码】", "1.3"),
    ("quoted label", "输入邮箱账号和密码，点击【确认】", "输入邮箱账号和密码，点击【进入系统】", "2"),
    ("quoted label", "点击【同意授权】", "点击【允许授权】", "3.1"),
    ("near-miss name", "在“企业账号登录”下", "在“企业帐号登录”下", "2"),
    ("near-miss name", "在“可下载执照记录”中", "在“可下载证照记录”中", "3.1"),
    ("position", "点击登录页面右上角【电子营业执照扫码登录】", "点击登录页面左下角【电子营业执照扫码登录】", "2"),
    ("position", "点击页面右上角【登录】", "点击页面左下角【登录】", "1.1"),
    ("rule numbers", "邮箱验证码10分钟内有效", "邮箱验证码30分钟内有效", "1.3"),
    ("rule numbers", "连续输错密码5次，账号锁定15分钟", "连续输错密码5次，账号锁定60分钟", "2"),
    ("URL host/path", "<https://consular.mfa.gov.cn/APEC/>", "<http://consular.mfa.gov.cn/APEC/>", "1.1"),
    (VALID, "使用谷歌浏览器访问", "用谷歌浏览器访问", "1.1"),
    (VALID, "邮箱验证码10分钟内有效。", "邮箱验证码在10分钟内有效。", "1.3"),
    (VALID, "点击【立即注册】。", "点击【立即注册】即可。", "1.3"),
    (VALID, "扫码成功后，按以下顺序填写：", "扫码成功后，按以下顺序填写:", "1.3"),
    (VALID, "连续输错密码5次，账号锁定15分钟。", "连续输错密码5次，账号将锁定15分钟。", "2"),
]
