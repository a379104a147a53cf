"""Password rules for government accounts beyond Django's own validators.

GB/T 22239-2019 8.1.4.1 a) (身份鉴别) asks for passwords with complexity requirements; Django ships length,
similarity, common-password and numeric validators but none for character classes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

CLASSES = {
    "upper": "大写字母 upper-case letters",
    "lower": "小写字母 lower-case letters",
    "digit": "数字 digits",
    "symbol": "符号 symbols",
}


def character_classes(password: str) -> set[str]:
    found = set()
    for char in password:
        if char.isdigit():
            found.add("digit")
        elif char.isupper():
            found.add("upper")
        elif char.islower():
            found.add("lower")
        else:
            found.add("symbol")  # punctuation, spaces, symbols and CJK characters (no letter case)
    return found


class CharacterClassValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        kinds = "、".join(v.split(" ")[0] for v in CLASSES.values())
        return (
            f"密码须至少包含以下 {self.min_classes} 类字符：{kinds}（GB/T 22239-2019 8.1.4.1 口令复杂度）。"
            f" / The password must mix at least {self.min_classes} of: upper-case letters, lower-case letters, "
            "digits, symbols (GB/T 22239-2019 8.1.4.1, password complexity)."
        )
