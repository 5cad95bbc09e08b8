"""§1.1 进入系统: the portal's home page and its 【登录】 button."""
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from pages.portal.home import HomePage
from pages.portal.login import LoginPage


@given("我在浏览器输入领事 APEC 商务旅行卡网址")
def open_home(portal: Page) -> None:
    HomePage(portal).open()


@then("打开领事 APEC 商务旅行卡页面")
def home_is_shown(portal: Page) -> None:
    home = HomePage(portal)
    expect(home.title).to_be_visible()
    expect(home.header.site_name).to_be_visible()
    expect(home.footer.copyright).to_be_visible()


@when("我点击右上角【登录】按钮")
def click_login(portal: Page) -> None:
    HomePage(portal).click_login()


@then("进入登录页面")
def login_page_is_shown(portal: Page) -> None:
    login = LoginPage(portal)
    expect(login.enterprise_tab).to_be_visible()
    expect(login.confirm_button).to_be_visible()
