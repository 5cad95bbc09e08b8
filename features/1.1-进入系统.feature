# language: zh-CN
@guide-1.1
功能: 进入系统
  浏览器输入 https://consular.mfa.gov.cn/APEC/，打开领事 APEC 商务旅行卡页面，
  点击右上角【登录】按钮进入登录页面。

  场景: 打开领事 APEC 商务旅行卡页面并进入登录页面
    假如 我在浏览器输入领事 APEC 商务旅行卡网址
    那么 打开领事 APEC 商务旅行卡页面
    当 我点击右上角【登录】按钮
    那么 进入登录页面
