"""jemoji shortcodes (``:tada:``) -> the emoji they name, as GitHub names them.

al-folio enables jemoji, so news items often say ``:tada:`` or ``:sparkles:``. A table of
the names people use in news and posts is enough: a name not in it stays as written (and
is reported once), rather than a dependency on a full emoji database for one filter.
"""

from __future__ import annotations

import re

#: GitHub's names (https://github.com/github/gemoji) -> emoji; the commonly used ones.
EMOJI = {
    "tada": "🎉", "sparkles": "✨", "heart": "❤️", "smile": "😄", "smiley": "😃",
    "grinning": "😀", "blush": "😊", "wink": "😉", "joy": "😂", "laughing": "😆",
    "sweat_smile": "😅", "slightly_smiling_face": "🙂", "thinking": "🤔", "sunglasses": "😎",
    "star": "⭐", "star2": "🌟", "stars": "🌠", "fire": "🔥", "rocket": "🚀", "zap": "⚡",
    "boom": "💥", "100": "💯", "trophy": "🏆", "medal_sports": "🏅", "1st_place_medal": "🥇",
    "2nd_place_medal": "🥈", "3rd_place_medal": "🥉", "confetti_ball": "🎊",
    "partying_face": "🥳", "clap": "👏", "raised_hands": "🙌", "+1": "👍", "thumbsup": "👍",
    "-1": "👎", "thumbsdown": "👎", "wave": "👋", "pray": "🙏", "muscle": "💪",
    "point_right": "👉", "point_left": "👈", "eyes": "👀", "brain": "🧠", "bulb": "💡",
    "books": "📚", "book": "📖", "memo": "📝", "pencil2": "✏️", "page_facing_up": "📄",
    "newspaper": "📰", "mega": "📣", "loudspeaker": "📢", "microphone": "🎤",
    "mortar_board": "🎓", "school": "🏫", "computer": "💻", "robot": "🤖", "microscope": "🔬",
    "telescope": "🔭", "test_tube": "🧪", "dna": "🧬", "chart_with_upwards_trend": "📈",
    "bar_chart": "📊", "calendar": "📆", "date": "📅", "clock": "🕐", "hourglass": "⌛",
    "airplane": "✈️", "earth_americas": "🌎", "earth_africa": "🌍", "earth_asia": "🌏",
    "globe_with_meridians": "🌐", "world_map": "🗺️", "house": "🏠", "office": "🏢",
    "coffee": "☕", "cake": "🍰", "birthday": "🎂", "gift": "🎁", "balloon": "🎈",
    "white_check_mark": "✅", "heavy_check_mark": "✔️", "check": "✔️", "x": "❌",
    "warning": "⚠️", "exclamation": "❗", "question": "❓", "link": "🔗", "email": "📧",
    "envelope": "✉️", "mailbox": "📫", "trophy_": "🏆", "award": "🏆", "crown": "👑",
    "handshake": "🤝", "people_holding_hands": "🧑‍🤝‍🧑", "baby": "👶", "seedling": "🌱",
    "sunny": "☀️", "snowflake": "❄️", "rainbow": "🌈", "cherry_blossom": "🌸", "rose": "🌹",
    "smile_cat": "😸", "dog": "🐶", "cat": "🐱", "video_camera": "📹", "movie_camera": "🎥",
    "camera": "📷", "headphones": "🎧", "musical_note": "🎵", "art": "🎨", "hammer": "🔨",
    "wrench": "🔧", "gear": "⚙️", "lock": "🔒", "key": "🔑", "mag": "🔍", "pushpin": "📌",
    "round_pushpin": "📍", "paperclip": "📎", "new": "🆕", "hot": "🔥", "heart_eyes": "😍",
    "smiling_face_with_three_hearts": "🥰", "blue_heart": "💙", "green_heart": "💚",
    "yellow_heart": "💛", "purple_heart": "💜", "orange_heart": "🧡", "sparkling_heart": "💖",
    "partying": "🥳", "beers": "🍻", "champagne": "🍾", "flag_us": "🇺🇸", "us": "🇺🇸",
    "cn": "🇨🇳", "de": "🇩🇪", "fr": "🇫🇷", "gb": "🇬🇧", "uk": "🇬🇧", "jp": "🇯🇵", "kr": "🇰🇷",
    "it": "🇮🇹", "es": "🇪🇸", "ca": "🇨🇦", "in": "🇮🇳", "ch": "🇨🇭", "nl": "🇳🇱",
}  # fmt: skip

_SHORTCODE = re.compile(r"(?<![\w:/]):([a-z0-9_+-]{1,40}):(?![\w:])")


def emojize(text: str, unknown: set[str] | None = None) -> str:
    """``:name:`` -> its emoji for the names of :data:`EMOJI`; other names are kept as
    written and added to ``unknown``."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in EMOJI:
            return EMOJI[name]
        if unknown is not None and re.search(r"[a-z]", name):
            unknown.add(name)
        return match.group(0)

    return _SHORTCODE.sub(one, text)
