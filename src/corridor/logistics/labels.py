"""What the bundled profiles are called in sentences, in the reader's language (a profile added in a parameter
file keeps its own name)."""

from __future__ import annotations

from corridor.i18n import Message, mark

__all__ = ["profile_noun"]

# Lower-case, to sit inside a sentence: "No {profile} route from A to B".
PROFILE_NOUNS = {
    "truck": mark("container truck"),
    "rail": mark("rail"),
    "barge": mark("barge or coastal ship"),
    "coastal": mark("coastal ship"),
    "multimodal": mark("multimodal"),
}


def profile_noun(name: str) -> Message | str:
    """The profile as a translatable noun; a profile not bundled is named as its parameter file names it."""
    return Message(PROFILE_NOUNS[name]) if name in PROFILE_NOUNS else name
