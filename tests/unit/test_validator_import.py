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
