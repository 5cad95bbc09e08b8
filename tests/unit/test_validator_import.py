"""`python -m validator import`: a guide as writers have it (plain text, Word .docx) into the transcription the
validator reads, wording kept, headings anchored, pictures' places marked (and a .docx's pictures kept beside it)."""
import io
from pathlib import Path

import pytest
from PIL import Image

import validator.cli as cli
from validator.guide import parse_guide, parse_text

ROOT = Path(__file__).resolve().parents[2]
WRITERS_TEXT = ROOT / "tests/unit/data/hunan-apec-account-registration.txt"  # the Hunan guide as published, in text
TRANSCRIPTION = ROOT / "guide/hunan-apec-account-registration.md"


def outline(guide):
    """What the checks read of a guide: each section's id, title, level, screenshot places and text blocks."""
    return [(s.id, s.title, s.level,
             sum(b.kind == "screenshot" for b in s.blocks),
             [(b.kind, b.text) for b in s.blocks if b.kind != "screenshot"],
             [(i.id, i.label) for i in s.items]) for s in guide.sections]


def test_the_hunan_text_imports_as_its_transcription(tmp_path):
    out = tmp_path / "guide.md"
    assert cli.main(["import", str(WRITERS_TEXT), "--out", str(out)]) == 0
    imported, published = parse_guide(out), parse_text(TRANSCRIPTION.read_text(encoding="utf-8"))
    assert outline(imported) == outline(published)
    assert imported.title_lines == published.title_lines
    assert len(imported.slots()) == len(published.slots()) == 22  # 20 screenshot places and 2 typed-out screens


def test_a_lone_number_is_a_step_unless_its_subsections_follow(tmp_path):
    source = tmp_path / "g.txt"
    source.write_text("指南\n\n1. 注册\n\n1. 打开主页\n\n2. 选择注册\n\n1.1. 进入系统\n\n一段话\n", encoding="utf-8")
    out = tmp_path / "g.md"
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    guide = parse_guide(out)
    assert [(s.id, s.title) for s in guide.sections] == [("1", "1. 注册"), ("1.1", "1.1. 进入系统")]
    assert [i.label for i in guide.sections[0].items] == ["1.", "2."]


def test_chinese_numbering_nests_sections(tmp_path):
    source = tmp_path / "g.txt"
    source.write_text("某省指南\n\n一、账号注册\n\n（一）进入系统\n\n打开主页。\n\n\n\n(二)扫码\n\n二、系统登录\n\n1) 输入账号\n",
                      encoding="utf-8")
    out = tmp_path / "g.md"
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    guide = parse_guide(out)
    assert [(s.id, s.title, s.level) for s in guide.sections] == [
        ("1", "一、账号注册", 2), ("1.1", "（一）进入系统", 3), ("1.2", "(二)扫码", 3), ("2", "二、系统登录", 2)]
    assert [b.kind for b in guide.section("1.1").blocks] == ["paragraph", "screenshot"]
    assert [i.label for i in guide.section("2").items] == ["1)"]


def png(color) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buf, "PNG")
    return buf.getvalue()


def test_a_docx_imports_with_its_picture_beside_it(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某省企业人员操作指南")
    document.add_heading("1. 注册流程", level=1)
    document.add_paragraph("打开领事 APEC 商务旅行卡页面, 点击右上角【登录】按钮。")
    document.add_heading("1.1. 进入系统", level=2)
    document.add_paragraph("浏览器输入网址。")
    document.add_picture(io.BytesIO(png((200, 30, 30))))
    document.add_paragraph("点击【注册】。")
    source = tmp_path / "writer.docx"
    document.save(source)

    out = tmp_path / "other.md"
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    picture = tmp_path / "other-images" / "picture-1.png"
    assert picture.read_bytes() == png((200, 30, 30))
    guide = parse_guide(out)
    assert [(s.id, s.title) for s in guide.sections] == [("1", "1. 注册流程"), ("1.1", "1.1. 进入系统")]
    assert guide.title_lines == ["某省企业人员操作指南"]
    blocks = [(b.kind, b.text) for b in guide.section("1.1").blocks]
    assert blocks == [("paragraph", "浏览器输入网址。"), ("screenshot", ""), ("paragraph", "点击【注册】。")]
    link_line = out.read_text(encoding="utf-8").split("\n")[guide.section("1.1").blocks[1].line - 1]
    assert link_line == "![图 1](other-images/picture-1.png)"


SAYS = {"missing": "does not exist", "fake_docx": "not a Word .docx", "binary": "neither UTF-8 text nor a .docx",
        "no_headings": "no numbered headings", "out_exists": "give --force"}


@pytest.mark.parametrize("case", list(SAYS))
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, case):
    source, out = tmp_path / "g.txt", tmp_path / "g.md"
    if case == "fake_docx":
        source = tmp_path / "g.docx"
        source.write_text("不是 Word 文件", encoding="utf-8")
    elif case == "binary":
        source.write_bytes(b"\xff\xfe\x00garbage")
    elif case == "no_headings":
        source.write_text("指南\n\n一段话, 没有编号的标题。\n", encoding="utf-8")
    elif case == "out_exists":
        source.write_text("1. 注册\n\n1.1. 进入\n", encoding="utf-8")
        out.write_text("已有的译文\n", encoding="utf-8")
    assert cli.main(["import", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: import: ") and err.count("\n") == 1 and SAYS[case] in err
    if case == "out_exists":
        assert out.read_text(encoding="utf-8") == "已有的译文\n"  # nothing overwritten
    else:
        assert not out.exists() and not (tmp_path / "g-images").exists()


def test_docx_headings_numbered_by_word_are_numbered_by_their_outline(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某省指南")
    for text, level in [("注册流程", 1), ("进入系统", 2), ("账号注册", 2), ("扫码", 3), ("系统登录", 1)]:
        document.add_heading(text, level=level)  # Word's list numbering is not in the text
        document.add_paragraph(f"{text}的说明。")
    source, out = tmp_path / "w.docx", tmp_path / "w.md"
    document.save(source)
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    assert [(s.id, s.title, s.level) for s in parse_guide(out).sections] == [
        ("1", "注册流程", 2), ("1.1", "进入系统", 3), ("1.2", "账号注册", 3), ("1.2.1", "扫码", 4), ("2", "系统登录", 2)]


def test_a_docx_refused_writes_no_picture(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一段话, 没有标题。")
    document.add_picture(io.BytesIO(png((0, 0, 200))))
    source, out = tmp_path / "w.docx", tmp_path / "w.md"
    document.save(source)
    assert cli.main(["import", str(source), "--out", str(out)]) == 2
    assert "no numbered headings" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "w-images").exists()


def test_a_damaged_docx_is_refused(tmp_path, capsys):
    import zipfile
    source = tmp_path / "w.docx"
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("word/document.xml", "<不是 XML")
    assert cli.main(["import", str(source), "--out", str(tmp_path / "w.md")]) == 2
    err = capsys.readouterr().err
    assert "not a readable .docx" in err and err.count("\n") == 1


def test_the_hunan_guide_as_a_docx_with_pictures_imports_as_its_transcription(tmp_path):
    """The published transcription written back as a writer's .docx (a picture at each screenshot place, the
    typed-out screens as plain paragraphs) imports to the same sections, places and wording."""
    import re
    docx = pytest.importorskip("docx")
    document = docx.Document()
    lines = TRANSCRIPTION.read_text(encoding="utf-8").split("\n")
    lines = lines[lines.index("-->") + 1:]
    for line in lines:
        if line.strip() == "<!-- screenshot -->":
            document.add_picture(io.BytesIO(png((10, 120, 10))))
        elif line.strip() and not line.startswith(("<!--", "```")):
            document.add_paragraph(re.sub(r"^#+ (.*?) \{#s-[\d.]+\}$", r"\1", line))
    source, out = tmp_path / "hunan.docx", tmp_path / "hunan.md"
    document.save(source)
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    imported, published = parse_guide(out), parse_text(TRANSCRIPTION.read_text(encoding="utf-8"))
    assert outline(imported) == outline(published)
    assert len(list((tmp_path / "hunan-images").iterdir())) == 20


def test_the_imported_guide_validates_with_the_published_guides_findings(tmp_path):
    import json
    record = str(ROOT / "tests/unit/data/run-record-sample.json")
    imported = tmp_path / "imported.md"
    assert cli.main(["import", str(WRITERS_TEXT), "--out", str(imported)]) == 0

    def findings(guide, out):
        cli.main(["report", "--guide", str(guide), "--record", record, "--out", str(out), "--formats", "json",
                  "--fail-on", "none"])
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        return [(f["code"], f["section"], f["item"], f["message"], f["guide_words"]) for f in report["findings"]]
    published = findings(TRANSCRIPTION, tmp_path / "a")
    assert published and findings(imported, tmp_path / "b") == published


# A writer's own pictures (issue 16, 4b): a guide of another province, made a .docx or a text with a folder of
# pictures, whose pictures are the recorded run's screenshots of their places, one replaced with an older screen.
GUIDES = ROOT / "tests/data/guides"
OTHER_GUIDE = GUIDES / "sichuan-apec-account-registration.md"
PICTURES = GUIDES / "pictures"  # a run of two scenarios tagged for that guide's sections, and the screenshots used
RENAMED = PICTURES / "older/login-button-renamed.png"  # the login page of the mock with 【确认】 renamed 【登录】


def pictures_run():
    import gzip
    import json

    from validator.record import record_from_data
    return record_from_data(json.loads(gzip.decompress((PICTURES / "run-record.json.gz").read_bytes())),
                            PICTURES / "run-record.json")


def current_pictures(record) -> list[Path]:
    """For each picture place of the guide, the screenshot the illustrated guide puts there (any file where none)."""
    from validator.analysis import analyse
    figures = analyse(parse_guide(OTHER_GUIDE), record).figures
    files = [record.resolve(figures[slot].shots[0].screenshot) if figures[slot].shots else None
             for slot in sorted(figures)]
    spare = next(f for f in files if f)
    return [f or spare for f in files]


def guide_lines():
    """The guide's title, headings (level, text) and paragraphs, and its picture places, as a writer has them."""
    lines, in_comment, title = [], False, False
    for line in OTHER_GUIDE.read_text(encoding="utf-8").split("\n"):
        if line.strip() == "<!-- screenshot -->":
            lines.append(("picture", None))
        elif line.strip() == "<!-- guide-title -->":
            title = True
        elif line.startswith("<!--") or in_comment:
            in_comment = "-->" not in line
        elif line.startswith("#"):
            hashes, _, text = line.partition(" ")
            lines.append(("heading", (len(hashes) - 1, text.split(" {#s-")[0])))
            title = False
        elif line.strip():
            lines.append(("title" if title else "text", line))
    return lines


def writers_docx(path: Path, pictures: list[Path]) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    files = iter(pictures)
    for kind, value in guide_lines():
        if kind == "picture":
            document.add_picture(str(next(files)))
        elif kind == "heading":
            document.add_heading(value[1], level=value[0])
        else:
            document.add_paragraph(value)
    document.save(path)
    return path


def writers_text(folder: Path, pictures: list[Path]) -> Path:
    """The guide as plain text (three empty lines where a picture stood) and its pictures in a folder beside it,
    named as a writer numbers them: 图1.png … 图10.png sort by their numbers."""
    text = []
    for kind, value in guide_lines():
        text += ["", "", ""] if kind == "picture" else [value[1] if kind == "heading" else value, ""]
    source = folder / "sichuan.txt"
    source.write_text("\n".join(text), encoding="utf-8")
    (folder / "sichuan-images").mkdir()
    for n, picture in enumerate(pictures, 1):
        (folder / "sichuan-images" / f"图{n}.png").write_bytes(picture.read_bytes())
    return source


def stale_pictures(guide_path: Path, record):
    from validator.analysis import analyse
    return [f for f in analyse(parse_guide(guide_path), record).findings if f.code == "PIC001"]


def test_a_docx_with_the_runs_screenshots_imports_and_validates(tmp_path):
    record = pictures_run()
    pictures = current_pictures(record)
    out = tmp_path / "sichuan.md"
    assert cli.main(["import", str(writers_docx(tmp_path / "sichuan.docx", pictures)), "--out", str(out)]) == 0
    imported, written = parse_guide(out), parse_guide(OTHER_GUIDE)
    assert [(s.id, s.title) for s in imported.sections] == [(s.id, s.title) for s in written.sections]
    assert [b.section for b in imported.slots()] == [b.section for b in written.slots()]
    kept = sorted((tmp_path / "sichuan-images").iterdir())
    assert len(kept) == len(pictures) == 7
    assert (tmp_path / "sichuan-images/picture-3.png").read_bytes() == pictures[2].read_bytes()
    assert stale_pictures(out, record) == []


OLDER = {  # picture place -> (what replaces its picture, the label the finding names)
    "step before": (2, lambda files: files[2].with_name("09-设置企业邮箱账号-设置登录密码并输入邮箱验证码-portal.png"),
                    "去登录"),
    "label renamed": (3, lambda files: RENAMED, "确认"),
}


@pytest.mark.parametrize("case", list(OLDER))
def test_a_picture_of_an_older_screen_is_reported_stale(tmp_path, case):
    record = pictures_run()
    pictures = current_pictures(record)
    slot, older, label = OLDER[case]
    pictures[slot] = older(pictures)
    out = tmp_path / "sichuan.md"
    assert cli.main(["import", str(writers_docx(tmp_path / "sichuan.docx", pictures)), "--out", str(out)]) == 0
    place = parse_guide(out).slots()[slot]
    stale = stale_pictures(out, record)
    assert [(f.section, f.line) for f in stale] == [(place.section, place.line)]  # the current ones are not
    assert f"sichuan-images/picture-{slot + 1}.png" in stale[0].message and f"「{label}」" in stale[0].message
    assert stale[0].severity == "warning" and stale[0].extra["labels"][0] == label


def test_a_texts_pictures_beside_it_are_kept_and_compared(tmp_path):
    record = pictures_run()
    pictures = current_pictures(record)
    pictures[3] = RENAMED
    out = tmp_path / "out" / "sichuan.md"
    out.parent.mkdir()
    assert cli.main(["import", str(writers_text(tmp_path, pictures)), "--out", str(out)]) == 0
    guide = parse_guide(out)
    assert [s.id for s in guide.sections] == [s.id for s in parse_guide(OTHER_GUIDE).sections]
    text = out.read_text(encoding="utf-8")
    assert "<!-- screenshot -->" not in text and text.count("](sichuan-images/picture-") == 7
    assert (out.parent / "sichuan-images/picture-4.png").read_bytes() == RENAMED.read_bytes()
    assert [(f.section, f.line) for f in stale_pictures(out, record)] == [(guide.slots()[3].section,
                                                                          guide.slots()[3].line)]


def test_pictures_that_do_not_pair_with_the_places_are_refused(tmp_path, capsys):
    pictures = current_pictures(pictures_run())
    source = writers_text(tmp_path, pictures + pictures[:1])
    out = tmp_path / "out.md"
    assert cli.main(["import", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "8 pictures beside" in err and "7 picture places" in err and err.count("\n") == 1
    assert not out.exists() and not (tmp_path / "out-images").exists()


def test_the_illustrated_guide_shows_the_writers_picture_beside_todays_screen(tmp_path):
    import json
    import shutil

    pictures = current_pictures(pictures_run())
    pictures[3] = RENAMED
    guide = tmp_path / "guide" / "sichuan.md"
    guide.parent.mkdir()
    assert cli.main(["import", str(writers_docx(tmp_path / "sichuan.docx", pictures)), "--out", str(guide)]) == 0
    run = tmp_path / "run"
    shutil.copytree(PICTURES, run)
    import gzip
    (run / "run-record.json").write_bytes(gzip.decompress((run / "run-record.json.gz").read_bytes()))
    cli.main(["report", "--record", str(run / "run-record.json"), "--guide", str(guide), "--out",
              str(tmp_path / "report"), "--formats", "html,json", "--fail-on", "none"])
    report = json.loads((tmp_path / "report/report.json").read_text(encoding="utf-8"))
    stale = [f for f in report["findings"] if f["code"] == "PIC001"]
    assert len(stale) == 1 and stale[0]["extra"]["picture"] == "sichuan-images/picture-4.png"
    html = (tmp_path / "report/illustrated-guide.html").read_text(encoding="utf-8")
    card = html[html.index(f'id="{stale[0]["id"]}"'):]
    card = card[:card.index("</div></div></div>") + 6]
    assert "指南自带的图片 · sichuan-images/picture-4.png" in card and card.count("data:image/png;base64,") == 2


@pytest.mark.parametrize("step_style", [1, 3])
def test_a_step_styled_as_a_heading_nests_under_its_section_with_its_own_number(tmp_path, step_style):
    """A writer who styles the steps "1)" / "2）" as Word headings (often Heading 1, for the navigation pane): each is
    a section under the heading it follows, numbered by its text, at the level below it; plain "1)" stays an item."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某省指南")
    for text, level in [("一、账号注册", 1), ("（一）扫码注册", 2), ("1）扫描二维码", step_style), ("3) 填写企业信息", step_style),
                        ("二、系统登录", 1), ("(1) 企业账号登录", step_style)]:
        document.add_heading(text, level=level)
        document.add_paragraph(f"本节说明：{text}。")
    document.add_paragraph("1) 输入账号和密码")
    source, out = tmp_path / "w.docx", tmp_path / "w.md"
    document.save(source)
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    guide = parse_guide(out)
    assert [(s.id, s.title, s.level) for s in guide.sections] == [
        ("1", "一、账号注册", 2), ("1.1", "（一）扫码注册", 3), ("1.1.1", "1）扫描二维码", 4), ("1.1.3", "3) 填写企业信息", 4),
        ("2", "二、系统登录", 2), ("2.1", "(1) 企业账号登录", 3)]
    assert [i.label for i in guide.section("2.1").items] == ["1)"]


def login_shot(record):
    return next(sh for sc in record.scenarios for st in sc.steps for sh in st.shots.values()
                if sh.screenshot.endswith("企业账号登录/03-打开登录页面-portal.png"))


@pytest.mark.parametrize("copy", ["75 %", "50 %", "JPEG"])
def test_the_current_screen_scaled_or_saved_as_jpeg_still_matches(tmp_path, copy):
    """What Word or a writer does to a screenshot changes every edge pixel, not its words."""
    from validator.pictures import compare
    record = pictures_run()
    shot = login_shot(record)
    image = Image.open(record.resolve(shot.screenshot)).convert("RGB")
    picture = tmp_path / ("p.jpg" if copy == "JPEG" else "p.png")
    if copy == "JPEG":
        image.save(picture, quality=75)
    else:
        factor = int(copy.split()[0]) / 100
        image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS).save(picture)
    assert not compare(picture, shot, record.resolve(shot.screenshot)).stale
    renamed = tmp_path / "renamed.png"
    older = Image.open(RENAMED).convert("RGB")
    older.resize((image.width // 2, image.height // 2) if copy == "50 %" else older.size).save(renamed)
    comparison = compare(renamed, shot, record.resolve(shot.screenshot))
    assert comparison.stale and [e["text"] for e in comparison.changed] == ["确认"]


def test_a_picture_link_out_of_the_guides_folder_is_not_followed(tmp_path):
    from validator.pictures import picture_files
    (tmp_path / "outside.png").write_bytes(png((0, 0, 0)))
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "inside.png").write_bytes(png((0, 0, 0)))
    guide = tmp_path / "guide" / "g.md"
    guide.write_text("## 一、登录 {#s-1}\n\n打开主页。\n\n![图 1](../outside.png)\n\n![图 2](inside.png)\n", encoding="utf-8")
    assert [[link for link, _ in links] for links in picture_files(parse_guide(guide)).values()] == [["inside.png"]]


def test_a_picture_of_another_screen_its_text_names_is_todays_and_a_stale_one_shows_beside_its_place():
    """On a guide matched by content the figure is the run's likeliest screen for the place, and the text may name
    another as well (illustrate.Figure.alternatives): a writer's picture of that one is today's screen too; a stale
    picture is still reported, beside the place's own screen rather than a look-alike."""
    from validator.illustrate import Figure
    from validator.pictures import _best_match, _same_screen
    record = pictures_run()
    shots = {Path(s.screenshot).name: s for sc in record.scenarios for st in sc.steps for s in st.shots.values()}
    done = shots["10-勾选同意-中国领事用户协议-和-隐私政策-并点击-立即注册-portal.png"]
    account = shots["09-设置企业邮箱账号-设置登录密码并输入邮箱验证码-portal.png"]
    login = shots["03-打开登录页面-portal.png"]
    fig = Figure(3, "1.3", "3", shots=[done], alternatives=[account, login])
    candidates = _same_screen(fig)
    assert candidates == [done, account, login]
    comparison, shot = _best_match(record.resolve(account.screenshot), candidates, record, own=1)
    assert not comparison.stale and shot is account
    comparison, shot = _best_match(RENAMED, candidates, record, own=1)
    assert comparison.stale and shot is done
