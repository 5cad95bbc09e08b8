"""The guide's prose cut into sentences, each a claim a reader acts on or relies on.

A sentence ends at 。；; or at the end of its line; a numbered item's number is kept apart so that
"2. 选择注册新账号" claims "选择注册新账号". Every check that reads prose beyond quote marks
(links to scenario steps, unquoted names, order, behaviour, channels) starts from these.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .guide import Guide, item_number

SENTENCE_END = re.compile(r"[^。；;]+[。；;]?")
# What a sentence must hold to claim something: a verb a reader performs, a rule word, or a name.
CLAIM_WORDS = re.compile(r"领取|使用|完成|点击|选择|输入|进入|设置|搜索|扫描|勾选|切换|打开|查看|下载|授权|登录|注册|认证|"
                         r"只能|不能|不可|可以|必须|需要|失效|先|再|【|“|‘|《")


@dataclass(frozen=True)
class Sentence:
    section: str
    item: str | None
    line: int
    text: str  # exact words of the guide, without the item number
    column: int  # where the sentence starts in its line

    @property
    def plain(self) -> str:
        return plain(self.text)


@lru_cache(maxsize=100_000)
def plain(text: str) -> str:
    """Letters and digits only, full-width folded: what two wordings of one sentence share."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum())


def sentences(guide: Guide) -> list[Sentence]:
    out: list[Sentence] = []
    for block in guide.blocks():
        if block.kind != "paragraph":
            continue
        text, column = block.text, 0
        numbered = item_number(text)
        if numbered:
            column = text.index(numbered[1]) + len(numbered[1])
        for m in SENTENCE_END.finditer(text, column):
            words = m.group(0).strip(" -*　")
            words = words.replace("**", "").strip()
            if len(plain(words)) >= 2 and CLAIM_WORDS.search(words):
                out.append(Sentence(block.section, block.item, block.line, words,
                                    m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" -*　")))))
    return out
